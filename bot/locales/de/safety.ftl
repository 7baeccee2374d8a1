# Sicherheitscheck erneut anbieten: Schmerz deutlich über dem letzten Check oder eine Antwort mit neuen Beschwerden.

safety-symptom = Das klingt nach einem neuen Symptom, deshalb habe ich nichts eingetragen. Bitte hör mit den Übungen auf, lass dich ärztlich beraten und mach danach den Sicherheitscheck noch einmal.
safety-symptom-urgent = Bitte hol dir noch heute dringend ärztliche Hilfe.
safety-symptom-urgent-screen = Ich habe nichts eingetragen. Wenn du untersucht worden bist, mach bitte den Sicherheitscheck noch einmal.
safety-button-screen = Sicherheitscheck wiederholen

## Die Pause: Ein Stopp gilt, bis ein Sicherheitscheck wieder grünes Licht gibt.

safety-held-pain = Die Übungen pausieren: Du hast einen Schmerz von { $pain } angegeben (unsere Regel: ab 6 ist Schluss). Bitte mach den Sicherheitscheck noch einmal, bevor du weiter übst.
safety-held-pain_rise = Die Übungen pausieren: Ein Schmerz von { $pain } ist deutlich stärker als bei deinem letzten Sicherheitscheck ({ $baseline }). Bitte mach den Sicherheitscheck noch einmal, bevor du weiter übst.
safety-held-symptom = Die Übungen pausieren, weil du ein neues Symptom gemeldet hast. Bitte lass dich ärztlich beraten und mach danach den Sicherheitscheck noch einmal.
safety-held-urgent = Die Übungen pausieren, weil du ein Warnzeichen gemeldet hast, das dringend ärztlich abgeklärt werden muss. Bitte hol dir noch heute Hilfe und mach danach den Sicherheitscheck noch einmal.
safety-reps-not-logged = Diese Wiederholungen habe ich nicht eingetragen.
safety-break-walk = Zeit aufzustehen! Steh auf und geh zwei Minuten herum.
safety-session-held = Deine tägliche Einheit pausiert vorerst.
safety-doctor-not-yet = Dann bleiben die Übungen pausiert, bis dich eine Ärztin oder ein Arzt freigegeben hat. Ans Aufstehen und Bewegen erinnere ich dich weiterhin. Sobald du freigegeben bist, schick /screen.
safety-doctor-not-yet-setup = Dann bleiben die Übungen pausiert, bis dich eine Ärztin oder ein Arzt freigegeben hat. Ich kann dich aber nach langem Sitzen ans Aufstehen und Bewegen erinnern – richten wir das ein. Sobald du freigegeben bist, schick /screen.
safety-urgent-followup = Du hast mir vorhin ein Warnzeichen genannt, das dringend ärztlich abgeklärt werden muss. Bitte hol dir noch heute Hilfe, falls du das nicht schon getan hast. Bis dich eine Ärztin oder ein Arzt freigegeben hat, gibt es hier keine Übungen.
safety-urgent-followup-setup = Was ich weiterhin tun kann: dich nach langem Sitzen ans Aufstehen und Bewegen erinnern.
safety-urgent-followup-onboarded = Die Erinnerungen ans Aufstehen und Bewegen laufen weiter. Sobald dich eine Ärztin oder ein Arzt freigegeben hat, mach den Sicherheitscheck noch einmal.
safety-button-reminders = Erinnerungen einrichten
safety-why-walk = Verstehe. Schon 30 Sekunden zählen: Steh auf und geh ein paar Schritte.
