# Sicherheitscheck erneut anbieten: Schmerz deutlich über dem letzten Check oder eine Antwort mit neuen Beschwerden.

safety-pain-rise = Schmerz { $pain } ist deutlich mehr als bei deinem letzten Sicherheitscheck ({ $baseline }). Bitte mach den Sicherheitscheck noch einmal, bevor du weiter übst.
safety-symptom = Das klingt nach einem neuen Symptom, deshalb habe ich nichts eingetragen. Bitte hör mit den Übungen auf, lass dich ärztlich beraten und mach danach den Sicherheitscheck noch einmal.
safety-symptom-urgent = Bitte hol dir noch heute dringend ärztliche Hilfe.
safety-symptom-urgent-screen = Ich habe nichts eingetragen. Wenn du untersucht worden bist, mach bitte den Sicherheitscheck noch einmal.
safety-button-screen = Sicherheitscheck wiederholen
