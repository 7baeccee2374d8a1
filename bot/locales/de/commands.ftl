# Das Befehlsmenü (setMyCommands) und /help: je eine Zeile, ohne Verweise auf andere Texte.

command-start = Beginnen oder weitermachen
command-help = Was ich kann
command-screen = Sicherheitscheck
command-cancel = Aktuellen Vorgang abbrechen
command-rest = Heute einen Ruhetag einlegen
command-undo = Letzten Eintrag entfernen
command-stats = Dein Fortschritt als Grafik
command-export = Deine Daten herunterladen (CSV)
command-delete = Alle deine Daten löschen
command-sit = Sitz-Timer starten
command-pause = Erinnerungen pausieren
command-resume = Erinnerungen fortsetzen
command-settings = Einstellungen ändern
command-language = Sprache wechseln
command-workout = Geführtes Training
command-exercise = Eine einzelne Übung machen
