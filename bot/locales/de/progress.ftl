# Wiederholungen aus einfachen Antworten, Serien, /undo, /stats, /export und /delete.

progress-exercise-hip_raise = Hüftheben
progress-exercise-clamshell = Clamshells
progress-exercise-single_leg_bridge = einbeinige Brücken
progress-exercise-bridge = Brücken
progress-button-hip_raise = Hüftheben
progress-button-clamshell = Clamshells
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
progress-ask-hint = Tippe bitte auf die Übung oder schick die Wiederholungen mit ihrem Namen, z. B. „10 Clamshells“.
progress-button-never-mind = Egal
progress-question-closed = Alles klar, nichts eingetragen.

progress-refused-zero = Null Wiederholungen kann ich nicht eintragen. Schick, was du gemacht hast, z. B. „10 Clamshells“.
progress-refused-negative = Wiederholungen können nicht negativ sein. Schick, was du gemacht hast, z. B. „10 Clamshells“.
progress-refused-too_many = Mehr als 200 auf einmal sieht nach einem Tippfehler aus. Schick z. B. „3x10 Hüftheben“.
progress-refused-fraction = Bitte nur ganze Zahlen, z. B. „10 Brücken“.
progress-refused-nonsense = Ich bin nicht sicher, was du meinst. Um Wiederholungen einzutragen, schick z. B. „10 Clamshells“ oder „8 links 10 rechts Hüftheben“. Mit /help siehst du, was ich sonst kann.
progress-refused-unrecognised = „{ $word }“ kenne ich nicht. Ich verstehe Hüftheben, Clamshells und Brücken, z. B. „12 Clamshells“ oder „Brücken 10 je Seite“.
progress-refused-too_long = Das ist zu lang für eine Meldung. Schick z. B. „10/10 Clamshells“.
progress-refused-ambiguous = Ich konnte nicht erkennen, welche Zahl zu welcher Übung oder Seite gehört. Schick eine Übung nach der anderen, z. B. „8 links 10 rechts Clamshells“.
progress-not-ready = Lass uns zuerst die Einrichtung abschließen: tippe auf /start. Mit /help siehst du, was ich kann.

progress-rest-day = 😌 Heute ist Ruhetag: Deine Serie ist eingefroren, nicht gerissen.
progress-rest-day-limit = Du hast diese Woche schon { $allowed } Ruhetage – heute zählt also als normaler Tag.
command-rest = Heute Ruhetag machen

progress-undone = ↩️ Entfernt: { $entries }.
progress-nothing-to-undo = Es gibt nichts rückgängig zu machen.

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
progress-weekly-caption = <b>Deine Woche mit StrongBack</b>
progress-chart-reps = Wiederholungen pro Tag
progress-chart-no-reps = Noch keine Wiederholungen eingetragen
progress-chart-breaks = Sitzpausen pro Woche
progress-chart-taken = gemacht
progress-chart-prompted = erinnert
progress-chart-pain = Durchschnittliche Rückenschmerzen pro Woche (0–10)
progress-chart-no-pain = Noch keine Schmerzangaben
progress-chart-week = Woche ab { $day }

progress-export-caption = Alle deine Daten: { $rows } Zeilen, eine CSV-Datei je Tabelle (Profil, Sicherheitschecks, Wiederholungen, Trainings, Sitzpausen, Schmerz, Ruhetage, Erinnerungen). activity.csv zeigt Wiederholungen, Pausen und Schmerz in deiner Ortszeit.

progress-delete-ask = Alles löschen, was ich über dich weiß – Profil, Wiederholungen, Sitzpausen, Schmerzangaben und Erinnerungen? Das lässt sich nicht rückgängig machen.
progress-button-delete-yes = Ja, alles löschen
progress-button-delete-no = Nein, behalten
progress-delete-hint = Tippe bitte auf einen der Knöpfe.
progress-deleted = Erledigt: Alle deine Daten sind gelöscht und deine Erinnerungen gestoppt. Schick /start, wann immer du neu anfangen willst.
progress-delete-cancelled = Alles klar, nichts wurde gelöscht.

command-undo = Letzte Eintragung entfernen
command-stats = Dein Fortschrittsbild
command-export = Deine Daten herunterladen (CSV)
command-delete = Alle deine Daten löschen
