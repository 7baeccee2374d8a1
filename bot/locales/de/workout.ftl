# Geführte Übungen (/workout, /exercise, die 2-Minuten-Pause) und die Übungen selbst.
# Die Bodenübungen stammen nur aus dem Artikel „Starker Po, starker Rücken“; die Übungen der
# Schreibtisch-Pause (im Stehen) aus den NHS-Seiten, die ihr Abschnitt nennt.
# Schmerzampel und Stufenleiter sind unsere eigenen Regeln (nach dem Schmerz-Monitoring-Modell
# von Silbernagel et al. 2007), und die Texte sagen das: „unsere Regel“.

## Die Übungen

exercise-hip_raise-name = Hüftheben
exercise-hip_raise-start = Stütz dich auf die Unterarme, beide Knie bleiben am Boden.
exercise-hip_raise-step-1 = Geh in den Unterarmstütz, beide Knie bleiben am Boden.
exercise-hip_raise-step-2 = Heb ein Bein, bis der Oberschenkel parallel zum Boden ist.
exercise-hip_raise-step-3 = Setz das Knie wieder ab. Das war eine Wiederholung.
exercise-hip_raise-cue-1 = Zu Beginn stützt du dich auf Unterarme und beide Knie.
exercise-hip_raise-cue-2 = Heb das Bein, bis der Oberschenkel parallel zum Boden ist.
exercise-hip_raise-mistake-1 = Zu früh aufhören: Der Oberschenkel sollte parallel zum Boden sein.
exercise-hip_raise-stop = Die Übung sollte deine Beschwerden nicht verschlimmern – falls doch, hör auf.
picture-hip_raise-forearms = Unterarme am Boden
picture-hip_raise-thigh_parallel = Oberschenkel parallel zum Boden

exercise-clamshell-name = Muschel
exercise-clamshell-start = Leg dich auf die Seite, die Beine liegen übereinander.
exercise-clamshell-step-1 = Leg dich auf die Seite, ein Bein genau auf dem anderen.
exercise-clamshell-step-2 = Heb das obere Knie an, als würde sich eine Muschel öffnen.
exercise-clamshell-step-3 = Schließ das Knie wieder. Das war eine Wiederholung.
exercise-clamshell-cue-1 = Zu Beginn liegen die Beine übereinander.
exercise-clamshell-cue-2 = Das obere Knie geht auf wie eine Muschel.
exercise-clamshell-mistake-1 = Mit gespreizten statt übereinanderliegenden Beinen beginnen.
exercise-clamshell-stop = Die Übung sollte deine Beschwerden nicht verschlimmern – falls doch, hör auf.
picture-clamshell-knees_stacked = Beine übereinander
picture-clamshell-knee_opens = Oberes Knie geht auf

exercise-single_leg_bridge-name = Einbeinige Brücke
exercise-single_leg_bridge-start = Leg dich auf den Rücken: ein Fuß am Boden, das andere Bein nach oben gestreckt.
exercise-single_leg_bridge-step-1 = Leg dich auf den Rücken.
exercise-single_leg_bridge-step-2 = Stell einen Fuß auf und streck das andere Bein nach oben.
exercise-single_leg_bridge-step-3 = Drück die Hüfte hoch, bis dein Körper eine gerade Linie bildet.
exercise-single_leg_bridge-step-4 = Senk die Hüfte wieder ab. Das war eine Wiederholung.
exercise-single_leg_bridge-cue-1 = Drück die Hüfte hoch, bis dein Körper eine gerade Linie bildet.
exercise-single_leg_bridge-cue-2 = Zu anstrengend? Mach erst die beidbeinige Brücke, bis die einbeinige schmerzfrei klappt.
exercise-single_leg_bridge-mistake-1 = Aufhören, bevor dein Körper eine gerade Linie bildet.
exercise-single_leg_bridge-stop = Die Übung sollte deine Beschwerden nicht verschlimmern – falls doch, hör auf.
picture-single_leg_bridge-straight_line = Gerade Linie
picture-single_leg_bridge-leg_up = Bein nach oben gestreckt

exercise-bridge-name = Beidbeinige Brücke
exercise-bridge-start = Leg dich auf den Rücken, beide Füße stehen am Boden.
exercise-bridge-step-1 = Leg dich auf den Rücken und stell beide Füße auf.
exercise-bridge-step-2 = Drück die Hüfte hoch, bis dein Körper eine gerade Linie bildet.
exercise-bridge-step-3 = Senk die Hüfte wieder ab. Das war eine Wiederholung.
exercise-bridge-cue-1 = Drück die Hüfte hoch, bis dein Körper eine gerade Linie bildet.
exercise-bridge-cue-2 = Unsere Regel: Nach 3 schmerzfreien Einheiten damit ist die einbeinige Brücke dran.
exercise-bridge-mistake-1 = Aufhören, bevor dein Körper eine gerade Linie bildet.
exercise-bridge-stop = Die Übung sollte deine Beschwerden nicht verschlimmern – falls doch, hör auf.
picture-bridge-straight_line = Gerade Linie
picture-bridge-feet_flat = Beide Füße am Boden

## Die Schreibtisch-Pause („Pause starten“ in der Erinnerung): im Stehen, ohne Boden. Quellen:
## NHS „Why we should sit less“, NHS „Strength exercises“ (Aufstehen vom Stuhl, Mini-Kniebeugen,
## Bein seitlich heben), NHS OPAL „Standing hip extension“ (siehe docs/FEATURES.md).

exercise-desk_walk-name = Aufstehen und gehen
exercise-desk_walk-start = Steh von deinem Stuhl auf.
exercise-desk_walk-step-1 = Geh gemütlich ein paar Schritte: zum Fenster, zum Wasser oder zum Platz einer Kollegin.
exercise-desk_walk-step-2 = Dann komm zurück an deinen Schreibtisch.
exercise-desk_walk-stop = Die Übungen sollten deine Beschwerden nicht verschlimmern – falls doch, hör auf.

exercise-desk_squat-name = Mini-Kniebeugen
exercise-desk_squat-start = Stell dich hüftbreit hin, die Hände liegen auf dem Schreibtisch.
exercise-desk_squat-step-1 = Beug die Knie langsam, so weit es angenehm ist; Knie zeigen nach vorn, Rücken gerade.
exercise-desk_squat-step-2 = Komm wieder hoch in den Stand und spann dabei den Po an.
exercise-desk_squat-stop = Die Übung sollte deine Beschwerden nicht verschlimmern – falls doch, hör auf.
picture-desk_squat-squeeze = Po anspannen

exercise-desk_hip_extension-name = Hüftstreckung im Stehen
exercise-desk_hip_extension-start = Stell dich vor den Schreibtisch und halt dich fest; Hüfte, Knie und Füße zeigen nach vorn.
exercise-desk_hip_extension-step-1 = Führ das gestreckte Bein nach hinten und halt es 2 Sekunden.
exercise-desk_hip_extension-step-2 = Bring den Fuß langsam zurück. Nach 5 Mal ist das andere Bein dran.
exercise-desk_hip_extension-stop = Die Übung sollte deine Beschwerden nicht verschlimmern – falls doch, hör auf.
picture-desk_hip_extension-leg_back = Bein nach hinten

exercise-desk_side_leg-name = Bein seitlich heben
exercise-desk_side_leg-start = Steh aufrecht und leg eine Hand auf den Schreibtisch.
exercise-desk_side_leg-step-1 = Heb ein Bein seitlich an, so weit es angenehm ist; Rücken und Hüfte bleiben gerade, nicht zur Seite kippen.
exercise-desk_side_leg-step-2 = Senk es langsam wieder ab. Nach 5 Mal ist das andere Bein dran.
exercise-desk_side_leg-stop = Die Übung sollte deine Beschwerden nicht verschlimmern – falls doch, hör auf.
picture-desk_side_leg-leg_side = Bein zur Seite

exercise-desk_sit_stand-name = Aufstehen vom Stuhl
exercise-desk_sit_stand-start = Setz dich vorn auf die Stuhlkante, die Füße hüftbreit. Nimm einen Stuhl, der nicht wegrollen kann.
exercise-desk_sit_stand-step-1 = Lehn dich leicht nach vorn und steh langsam auf – mit der Kraft der Beine, nicht der Arme.
exercise-desk_sit_stand-step-2 = Richte dich ganz auf und setz dich dann langsam wieder hin, Po zuerst.
exercise-desk_sit_stand-stop = Die Übung sollte deine Beschwerden nicht verschlimmern – falls doch, hör auf.
picture-desk_sit_stand-chair = Stuhl, der nicht rollt

desk-step =
    <b>{ $name }</b> ({ $number }/{ $total }): <b>{ $amount }</b>
    { $start }
    { $steps }
desk-amount-seconds = { $seconds } Sekunden
desk-amount-reps = { $reps ->
        [one] einmal
       *[other] { $reps }-mal
    }
desk-amount-per-side = { $reps } pro Seite
desk-summary = Dein Sitz-Timer beginnt jetzt von vorn.

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
workout-reps-fewer = Weniger geschafft? Tippe auf die Zahl oder schreib sie.
workout-button-next = Weiter ▶
workout-button-hurts = Das tut weh
workout-button-continue = Weitermachen ▶
workout-button-finish = Für heute beenden
workout-button-done = ✅ Geschafft – { $reps }
workout-button-number = { $n }
workout-button-skip = Übung überspringen
workout-button-regression = Stattdessen: { $name }
workout-button-new-symptom = Neues Symptom (Beinschmerzen, Taubheit …)
workout-ask-pain = Mach mit der Übung „{ $name }“ erst einmal Pause. Wie stark ist der Schmerz gerade, von 0 (kein Schmerz) bis 10 (stärkster Schmerz)? Bemerkst du etwas Neues, etwa Schmerzen im Bein oder Taubheit, tippe unten auf den Button.
workout-light-green = Schmerz { $pain }: Das ist in Ordnung (unsere Regel: 0–3).
workout-light-amber = Schmerz { $pain }: noch in Ordnung (unsere Regel: 4–5), wenn es bis morgen abgeklungen ist – sonst geh es ruhiger an.
workout-light-red = Schmerz { $pain }: Das ist zu viel (unsere Regel: ab 6 aufhören).
workout-offer-regression = Du kannst mit der leichteren Variante „{ $name }“ weitermachen oder ohne diese Übung fortfahren.
workout-offer-skip = Tippe unten, um ohne diese Übung weiterzumachen.
workout-offer-continue-skip = Du kannst da weitermachen, wo du warst, oder ohne diese Übung fortfahren.
workout-offer-continue = Du kannst da weitermachen, wo du warst, zur leichteren Variante „{ $name }“ wechseln oder ohne diese Übung fortfahren.
workout-stop-note = Die Übungen sollten deine Beschwerden nicht verschlimmern. Werden sie deutlich schlimmer oder kommen neue hinzu, hör auf und lass dich ärztlich beraten.
workout-stop-screen = Bitte mach den Sicherheitscheck mit /screen noch einmal.
workout-stop-pain =
    Für heute ist hier Schluss.
    Die Übungen sollten deine Beschwerden nicht verschlimmern. Werden sie deutlich schlimmer oder kommen neue hinzu, hör auf und lass dich ärztlich beraten.
    Bitte mach den Sicherheitscheck mit /screen noch einmal.
workout-stop-new_symptom =
    Wegen des neuen Symptoms ist hier für heute Schluss.
    Werden deine Beschwerden deutlich schlimmer oder kommen neue hinzu, hör auf und lass dich ärztlich beraten.
    Bitte mach den Sicherheitscheck mit /screen noch einmal.
workout-ask-final-pain = Gut gemacht! Wie stark schmerzt dein Rücken jetzt, von 0 (gar nicht) bis 10 (stärkster Schmerz)?
workout-summary = <b>Einheit geschafft!</b>
workout-summary-break = <b>Pause geschafft – gut gemacht!</b>
workout-summary-ended = <b>Für heute beendet.</b> { $done } von { $total } { $total ->
        [one] Übung
       *[other] Übungen
    } eingetragen.
workout-summary-set-left = { $reps } links
workout-summary-set-right = { $reps } rechts
workout-summary-set-both = { $reps }
workout-summary-skipped = Übersprungen: { $names }
workout-summary-total = Insgesamt { $reps } Wiederholungen.
workout-choose-exercise = Welche Übung möchtest du machen?
workout-hint-reps = Schreib, wie viele Wiederholungen du geschafft hast, z. B. 8 (oder 10/10 für links/rechts), oder tippe oben auf einen Button. Für heute aufhören: schreib „stopp“.
workout-hint-reps-range = Das kann kein Satz sein: 1 bis 200 Wiederholungen, z. B. 8 oder 10/10.
workout-hint-pain = Bitte tippe auf eine Zahl oder schreib eine von 0 bis 10, z. B. 3.
workout-hint-steps = Tippe oben auf einen Button oder schreib „weiter“ – oder „stopp“, um für heute aufzuhören.
workout-hint-buttons = Tippe oben auf einen Button oder schreib „stopp“, um für heute aufzuhören.
workout-hint-unsupported = Hier verstehe ich nur Text und Buttons.
workout-refused-not_screened = Vor den Übungen kommt ein kurzer Sicherheitscheck. Schick /screen, um ihn zu starten.
workout-refused-urgent = Dein Sicherheitscheck hat ein Warnzeichen ergeben, das dringend ärztlich abgeklärt werden muss. Deshalb gebe ich dir keine Übungen. Sobald dich eine Ärztin oder ein Arzt freigegeben hat, schick /screen.
workout-refused-see_doctor = Dein Sicherheitscheck hat ein Warnzeichen ergeben: Bitte geh zu einer Ärztin oder einem Arzt, bevor du die Übungen machst. Sobald du freigegeben bist, schick /screen.
workout-refused-needs_doctor_confirmation = Dein letzter Sicherheitscheck hat ein Warnzeichen ergeben. Sobald dich eine Ärztin oder ein Arzt freigegeben hat, schick /screen und bestätige das.

## Die Stufenleiter

ladder-start-base =
    Heute: Hüftheben, Muschel und beidbeinige Brücke. Unsere Regel: Noch { $remaining ->
        [one] eine schmerzfreie Einheit
       *[other] { $remaining } schmerzfreie Einheiten
    } (Schmerz 0–3), dann ist die einbeinige Brücke dran.
ladder-start-progressed = Heute: Hüftheben, Muschel und einbeinige Brücke.
ladder-need_n_more_pain_free =
    Unsere Regel: Noch { $remaining ->
        [one] eine schmerzfreie Einheit
       *[other] { $remaining } schmerzfreie Einheiten
    } (Schmerz 0–3) mit der beidbeinigen Brücke, dann ist die einbeinige Brücke dran.
ladder-unlocked_single_leg_bridge = Das war deine dritte schmerzfreie Einheit mit der beidbeinigen Brücke: Beim nächsten Training ist die einbeinige Brücke dran! (Unsere Regel: Nach 3 schmerzfreien Einheiten ist sie freigeschaltet.)
ladder-keep_progressed = Du bleibst bei der einbeinigen Brücke.
ladder-stepped_down_after_pain = Diese Einheit hat wehgetan (Schmerz 6 oder mehr oder ein neues Symptom). Unsere Regel: zurück zur beidbeinigen Brücke, bis du damit wieder 3 Einheiten schmerzfrei geschafft hast.
ladder-restarted_after_pain = Diese Einheit hat wehgetan (Schmerz 6 oder mehr oder ein neues Symptom). Unsere Regel: Die Zählung der schmerzfreien Einheiten beginnt von vorn – noch { $remaining }.
