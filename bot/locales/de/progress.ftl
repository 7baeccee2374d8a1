# Wiederholungen aus einfachen Antworten, Serien, /undo, /stats, /export und /delete.

# „Hüftheben“ lautet in Einzahl und Mehrzahl gleich; die Auswahl behält $reps wie die anderen Übungen.
progress-exercise-hip_raise = { $reps ->
   *[other] Hüftheben
}
progress-exercise-clamshell = { $reps ->
    [one] Muschel
   *[other] Muscheln
}
progress-exercise-single_leg_bridge = { $reps ->
    [one] einbeinige Brücke
   *[other] einbeinige Brücken
}
progress-exercise-bridge = { $reps ->
    [one] Brücke
   *[other] Brücken
}
progress-button-hip_raise = Hüftheben
progress-button-clamshell = Muscheln
progress-button-single_leg_bridge = Einbeinige Brücken
progress-button-bridge = Brücken
progress-side-left = links
progress-side-right = rechts
progress-entry = { $reps } { $exercise }
progress-entry-side = { $reps } { $exercise } ({ $side })

progress-logged = ✅ Eingetragen: { $entries }.
progress-streak-line =
    { $period ->
        [week] 🔥 Serie: { $current } { $current ->
            [one] Woche
           *[other] Wochen
        }
       *[day] 🔥 Serie: { $current } { $current ->
            [one] Tag
           *[other] Tage
        }
    } · Rekord { $best } · Gewohnheitsstärke { $strength } %

progress-ask-exercise = Welche Übung war das?
progress-ask-hint = Tippe bitte auf die Übung oder schreib sie zur Zahl dazu, z. B. „10 Muscheln“.
progress-button-never-mind = Schon gut
progress-question-closed = Alles klar, nichts eingetragen.

progress-refused-zero = Null Wiederholungen kann ich nicht eintragen. Schreib mir, was du gemacht hast, z. B. „10 Muscheln“.
progress-refused-negative = Wiederholungen können nicht negativ sein. Schreib mir, was du gemacht hast, z. B. „10 Muscheln“.
progress-refused-too_many = Mehr als 200 auf einmal? Das sieht nach einem Tippfehler aus. Schreib z. B. „3x10 Hüftheben“.
progress-refused-fraction = Bitte nur ganze Zahlen, z. B. „10 Brücken“.
progress-refused-nonsense = Das habe ich nicht verstanden. Um Wiederholungen einzutragen, schreib z. B. „10 Muscheln“ oder „8 links 10 rechts Hüftheben“. Unter /help siehst du, was ich sonst noch kann.
progress-refused-unrecognised = „{ $word }“ kenne ich nicht. Ich verstehe Hüftheben, Muscheln und Brücken, z. B. „12 Muscheln“ oder „Brücken 10 je Seite“.
progress-refused-too_long = Das ist zu lang, um Wiederholungen herauszulesen. Schreib z. B. „10/10 Muscheln“.
progress-refused-ambiguous = Ich konnte nicht erkennen, welche Zahl zu welcher Übung oder Seite gehört. Schreib bitte eine Übung nach der anderen, z. B. „8 links 10 rechts Muscheln“.
progress-not-ready = Lass uns zuerst die Einrichtung abschließen: Tippe auf /start. Unter /help siehst du, was ich kann.

progress-rest-day = 😌 Heute ist Ruhetag: Deine Serie ist eingefroren, nicht gerissen.
progress-rest-day-limit = Du hast diese Woche schon { $allowed } Ruhetage – heute zählt also als normaler Tag.

progress-undone = ↩️ Entfernt: { $entries }.
progress-nothing-to-undo = Da gibt es nichts rückgängig zu machen.

progress-stats-caption = <b>Deine letzten 4 Wochen</b>
progress-stats-streak =
    🔥 Serie: { $current } { $period ->
        [week] { $current ->
            [one] Woche
           *[other] Wochen
        }
       *[day] { $current ->
            [one] Tag
           *[other] Tage
        }
    }
progress-stats-best =
    🏆 Längste Serie: { $best } { $period ->
        [week] { $best ->
            [one] Woche
           *[other] Wochen
        }
       *[day] { $best ->
            [one] Tag
           *[other] Tage
        }
    }
progress-stats-strength = 💪 Gewohnheitsstärke: { $strength } %
progress-stats-strength-explained = <i>Sie wächst an jedem Tag, an dem du dein Ziel erreichst, und sinkt langsam, wenn du einen auslässt; 100 % heißt: fest verankert.</i>
progress-weekly-caption = <b>Deine Woche mit StrongBack</b>

# Das Fortschrittsbild (/stats und die Wochenübersicht). Daten und Zahlen darauf schreibt es
# so, wie diese Babel-Locale sie schreibt: „7. Dez.“, „2,5“.
progress-chart-locale = de
progress-chart-tile-streak = Serie
progress-chart-streak-value =
    { $current } { $period ->
        [week] { $current ->
            [one] Woche
           *[other] Wochen
        }
       *[day] { $current ->
            [one] Tag
           *[other] Tage
        }
    }
progress-chart-tile-sessions = Einheiten diese Woche
progress-chart-sessions-value = { $done } von { $goal }
progress-chart-tile-breaks = Sitzpausen diese Woche
progress-chart-breaks-value = { $taken } von { $prompted }
progress-chart-tile-pain = Rückenschmerz (0–10)
progress-chart-pain-trend = { $first } → { $last }
progress-chart-pain-none = keine Angaben
progress-chart-reps = Wiederholungen pro Tag
progress-chart-no-reps = Noch keine Wiederholungen eingetragen
progress-chart-breaks = Sitzpausen pro Woche
progress-chart-taken = gemacht
progress-chart-prompted = vorgeschlagen
progress-chart-pain = Rückenschmerz im Wochenschnitt (0–10)
progress-chart-no-pain = Noch keine Schmerzangaben
progress-chart-this-week = diese Woche
progress-chart-welcome-first = Deine erste Woche beginnt heute
progress-chart-welcome-again = Heute beginnt eine neue Woche
progress-chart-welcome-body = Schick mir nach jeder Übung deine Wiederholungen, z. B. „10 Muscheln“. Hier siehst du dann deine Serie, deine Sitzpausen und deinen Rückenschmerz.

progress-export-caption = Alle deine Daten: { $rows } Zeilen, eine CSV-Datei je Tabelle (Profil, Sicherheitschecks, Wiederholungen, Trainings, Sitzpausen, Schmerz, Ruhetage, Erinnerungen). activity.csv listet deine Wiederholungen, Pausen und Schmerzangaben in deiner Ortszeit auf.

progress-delete-ask = Alles löschen, was ich über dich weiß – Profil, Wiederholungen, Sitzpausen, Schmerzangaben und Erinnerungen? Das lässt sich nicht rückgängig machen.
progress-button-delete-yes = Ja, alles löschen
progress-button-delete-no = Nein, behalten
progress-delete-hint = Tippe bitte auf einen der Buttons.
progress-deleted = Erledigt: Alle deine Daten sind gelöscht, und es kommen keine Erinnerungen mehr. Mit /start kannst du jederzeit neu anfangen.
progress-delete-cancelled = Alles klar, nichts wurde gelöscht.

