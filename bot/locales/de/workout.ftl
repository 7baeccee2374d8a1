# Geführte Übungen (/workout, /exercise, die 2-Minuten-Pause) und die Übungen selbst.
# Alle Übungsangaben stammen nur aus dem Artikel „Starker Po, starker Rücken“.
# Schmerzampel und Stufenleiter sind unsere eigenen Regeln (nach dem Schmerz-Monitoring-Modell
# von Silbernagel et al. 2007), und die Texte sagen das: „unsere Regel“.

command-workout = Geführtes Training
command-exercise = Eine Übung üben

## Die Übungen

exercise-hip_raise-name = Hüftheben
exercise-hip_raise-start = Stütz dich auf deine Unterarme, beide Knie bleiben am Boden.
exercise-hip_raise-step-1 = Geh auf die Unterarme und lass beide Knie am Boden.
exercise-hip_raise-step-2 = Heb ein Bein an, bis dein Oberschenkel parallel zum Boden ist.
exercise-hip_raise-step-3 = Setz das Knie wieder ab. Das ist eine Wiederholung.
exercise-hip_raise-cue-1 = Zu Beginn tragen dich deine Unterarme und beide Knie.
exercise-hip_raise-cue-2 = Heb an, bis der Oberschenkel parallel zum Boden ist.
exercise-hip_raise-mistake-1 = Zu früh aufhören: Der Oberschenkel soll parallel zum Boden kommen.
exercise-hip_raise-stop = Die Übung sollte deine Beschwerden nicht verschlimmern. Hör auf, wenn sie es tut.
picture-hip_raise-forearms = Unterarme am Boden
picture-hip_raise-thigh_parallel = Oberschenkel parallel zum Boden

exercise-clamshell-name = Clamshells (Muschel)
exercise-clamshell-start = Leg dich auf die Seite, ein Bein liegt auf dem anderen.
exercise-clamshell-step-1 = Leg dich auf die Seite und leg die Beine übereinander.
exercise-clamshell-step-2 = Öffne dein oberes Knie nach oben, als würdest du eine Muschel öffnen.
exercise-clamshell-step-3 = Schließ das Knie wieder. Das ist eine Wiederholung.
exercise-clamshell-cue-1 = Beginn mit übereinanderliegenden Beinen.
exercise-clamshell-cue-2 = Öffne das obere Knie nach oben, wie eine Muschel.
exercise-clamshell-mistake-1 = Mit geöffneten statt übereinanderliegenden Beinen beginnen.
exercise-clamshell-stop = Die Übung sollte deine Beschwerden nicht verschlimmern. Hör auf, wenn sie es tut.
picture-clamshell-knees_stacked = Beine übereinander
picture-clamshell-knee_opens = Oberes Knie öffnet sich

exercise-single_leg_bridge-name = Einbeinige Brücke
exercise-single_leg_bridge-start = Leg dich auf den Rücken, ein Bein am Boden, das andere nach oben gestreckt.
exercise-single_leg_bridge-step-1 = Leg dich auf den Rücken.
exercise-single_leg_bridge-step-2 = Lass einen Fuß am Boden und streck das andere Bein nach oben.
exercise-single_leg_bridge-step-3 = Drück die Hüfte nach oben, bis dein Körper eine gerade Linie bildet.
exercise-single_leg_bridge-step-4 = Senk die Hüfte wieder. Das ist eine Wiederholung.
exercise-single_leg_bridge-cue-1 = Drück hoch, bis dein Körper eine gerade Linie bildet.
exercise-single_leg_bridge-cue-2 = Zu anstrengend? Mach die beidbeinige Brücke, bis das hier schmerzfrei geht.
exercise-single_leg_bridge-mistake-1 = Aufhören, bevor dein Körper eine gerade Linie bildet.
exercise-single_leg_bridge-stop = Die Übung sollte deine Beschwerden nicht verschlimmern. Hör auf, wenn sie es tut.
picture-single_leg_bridge-straight_line = Gerade Linie
picture-single_leg_bridge-leg_up = Bein nach oben gestreckt

exercise-bridge-name = Beidbeinige Brücke
exercise-bridge-start = Leg dich auf den Rücken, beide Füße am Boden.
exercise-bridge-step-1 = Leg dich auf den Rücken, beide Füße am Boden.
exercise-bridge-step-2 = Drück die Hüfte nach oben, bis dein Körper eine gerade Linie bildet.
exercise-bridge-step-3 = Senk die Hüfte wieder. Das ist eine Wiederholung.
exercise-bridge-cue-1 = Drück hoch, bis dein Körper eine gerade Linie bildet.
exercise-bridge-cue-2 = Unsere Regel: Nach 3 schmerzfreien Einheiten damit ist die einbeinige Brücke dran.
exercise-bridge-mistake-1 = Aufhören, bevor dein Körper eine gerade Linie bildet.
exercise-bridge-stop = Die Übung sollte deine Beschwerden nicht verschlimmern. Hör auf, wenn sie es tut.
picture-bridge-straight_line = Gerade Linie
picture-bridge-feet_flat = Beide Füße am Boden

## Der Ablauf

workout-intro =
    <b>{ $name }</b> ({ $number }/{ $total })
    Ausgangsposition: { $start }
    { $stop }
workout-step = Schritt { $n } von { $steps }: { $text }
workout-reps-left = Jetzt <b>{ $reps } Wiederholungen auf der linken Seite</b>.
workout-reps-right = Jetzt die <b>rechte Seite: { $reps } Wiederholungen</b>.
workout-reps-both = Jetzt <b>{ $reps } Wiederholungen</b>.
workout-tips =
    Tipps:
    { $cues }
    Vermeide:
    { $mistakes }
workout-reps-fewer = Weniger geschafft? Tippe, wie viele, oder schreib die Zahl.
workout-button-next = Weiter ▶
workout-button-hurts = Das tut weh
workout-button-done = ✅ Geschafft – { $reps }
workout-button-number = { $n }
workout-button-skip = Übung überspringen
workout-button-regression = Versuchen: { $name }
workout-button-new-symptom = Neues Symptom (Beinschmerz, Taubheit…)
workout-ask-pain = Hör mit der Übung „{ $name }“ erst einmal auf. Wie stark ist der Schmerz gerade, von 0 (keiner) bis 10 (am schlimmsten)? Wenn du etwas Neues bemerkst, etwa Schmerzen im Bein oder Taubheit, tippe auf den Knopf unten.
workout-light-green = Schmerz { $pain }: Das ist in Ordnung (unsere Regel: 0–3).
workout-light-amber = Schmerz { $pain }: noch in Ordnung (unsere Regel: 4–5), wenn es bis morgen abgeklungen ist – sonst geh es ruhiger an.
workout-light-red = Schmerz { $pain }: Das ist zu viel (unsere Regel: ab 6 aufhören).
workout-offer-regression = Du kannst mit der leichteren Variante „{ $name }“ weitermachen oder ohne diese Übung fortfahren.
workout-offer-skip = Tippe unten, um ohne diese Übung weiterzumachen.
workout-stop-note = Die Übungen sollten deine Beschwerden nicht verschlimmern. Wenn sich deine Beschwerden deutlich verschlimmern oder neue auftreten, hör auf und lass dich ärztlich beraten.
workout-stop-screen = Bitte mach den Sicherheitscheck mit /screen noch einmal.
workout-stop-pain =
    Für heute ist hier Schluss.
    Die Übungen sollten deine Beschwerden nicht verschlimmern. Wenn sich deine Beschwerden deutlich verschlimmern oder neue auftreten, hör auf und lass dich ärztlich beraten.
    Bitte mach den Sicherheitscheck mit /screen noch einmal.
workout-stop-new_symptom =
    Wegen des neuen Symptoms ist hier für heute Schluss.
    Wenn sich deine Beschwerden deutlich verschlimmern oder neue auftreten, hör auf und lass dich ärztlich beraten.
    Bitte mach den Sicherheitscheck mit /screen noch einmal.
workout-ask-final-pain = Gut gemacht! Wie geht es deinem Rücken jetzt, von 0 (kein Schmerz) bis 10 (am schlimmsten)?
workout-summary = <b>Einheit geschafft!</b>
workout-summary-break = <b>Pause geschafft – gut gemacht!</b>
workout-summary-set-left = { $reps } links
workout-summary-set-right = { $reps } rechts
workout-summary-set-both = { $reps }
workout-summary-skipped = Übersprungen: { $names }
workout-summary-total = Insgesamt { $reps } Wiederholungen.
workout-choose-exercise = Welche Übung möchtest du üben?
workout-hint-reps = Bitte schreib, wie viele Wiederholungen du geschafft hast, von 1 bis 200, z. B. 8 – oder tippe auf einen Knopf.
workout-hint-pain = Bitte tippe auf eine Zahl oder schreib eine von 0 bis 10, z. B. 3.
workout-hint-steps = Bitte tippe auf einen Knopf unten oder schreib „weiter“, um weiterzumachen.
workout-hint-buttons = Bitte tippe auf einen Knopf unten, z. B. „Weiter ▶“.
workout-hint-unsupported = Ich kann hier nur Text und Knopfdrücke lesen.
workout-break-plain = Zeit aufzustehen! Steh auf, geh zwei Minuten herum und spann ein paar Mal deine Gesäßmuskeln an.
workout-refused-not_screened = Die Übungen kommen nach einem kurzen Sicherheitscheck. Schick /screen, um ihn zu starten.
workout-refused-urgent = Dein Sicherheitscheck hat ein Zeichen gezeigt, das dringend ärztlich abgeklärt werden muss, deshalb gebe ich dir keine Übungen. Sobald dich eine Ärztin oder ein Arzt freigegeben hat, schick /screen.
workout-refused-see_doctor = Dein Sicherheitscheck hat ein Warnzeichen gezeigt: Bitte geh zu einer Ärztin oder einem Arzt, bevor du die Übungen machst. Sobald du freigegeben bist, schick /screen.
workout-refused-needs_doctor_confirmation = Dein letzter Sicherheitscheck hat ein Warnzeichen gezeigt. Sobald dich eine Ärztin oder ein Arzt freigegeben hat, schick /screen und bestätige es.

## Die Stufenleiter

ladder-start-base =
    Heute: Hüftheben, Clamshells und die beidbeinige Brücke. Unsere Regel: Noch { $remaining ->
        [one] eine schmerzfreie Einheit
       *[other] { $remaining } schmerzfreie Einheiten
    } (Schmerz 0–3), dann ist die einbeinige Brücke dran.
ladder-start-progressed = Heute: Hüftheben, Clamshells und die einbeinige Brücke.
ladder-need_n_more_pain_free =
    Unsere Regel: Noch { $remaining ->
        [one] eine schmerzfreie Einheit
       *[other] { $remaining } schmerzfreie Einheiten
    } (Schmerz 0–3) mit der beidbeinigen Brücke, dann ist die einbeinige Brücke dran.
ladder-unlocked_single_leg_bridge = Das war deine dritte schmerzfreie Einheit mit der beidbeinigen Brücke: Beim nächsten Training ist die einbeinige Brücke dran! (Unsere Regel: Nach 3 schmerzfreien Einheiten ist sie freigeschaltet.)
ladder-keep_progressed = Du bleibst bei der einbeinigen Brücke.
ladder-stepped_down_after_pain = Diese Einheit hat wehgetan (Schmerz 6 oder mehr oder ein neues Symptom). Unsere Regel: zurück zur beidbeinigen Brücke, bis du damit wieder 3 Einheiten schmerzfrei geschafft hast.
ladder-restarted_after_pain = Diese Einheit hat wehgetan (Schmerz 6 oder mehr oder ein neues Symptom). Unsere Regel: Die Zählung der schmerzfreien Einheiten beginnt von vorn – noch { $remaining }.
