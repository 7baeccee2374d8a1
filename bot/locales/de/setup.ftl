# Einrichtung nach dem Sicherheitscheck: Profilfragen und Zusammenfassung.

setup-ask-timezone = In welcher Stadt bist du? Ich brauche sie für deine Ortszeit. Schreib den Namen der Stadt oder teile deinen Standort.
setup-hint-timezone = Bitte schreib einen Städtenamen, z. B. Berlin, oder teile deinen Standort.
setup-no-match-timezone = Diesen Ort habe ich nicht gefunden. Versuch eine größere Stadt in der Nähe, z. B. München oder Hamburg.
setup-choose-timezone = Meinst du einen dieser Orte? Tippe ihn an oder schreib die Stadt noch einmal.
setup-timezone-set = Zeitzone gesetzt: { $zone } ({ $place }).
setup-button-location = 📍 Standort teilen
setup-ask-work_days = An welchen Tagen arbeitest du am Schreibtisch?
setup-hint-work_days = Bitte tippe auf einen Button oder schreib deine Tage, z. B. Mo, Di, Do.
setup-ask-work_hours = Wann arbeitest du normalerweise?
setup-hint-work_hours = Bitte tippe auf einen Button oder schreib deine Zeiten, z. B. 8:30-17:00.
setup-overnight-work_hours = Arbeitszeiten über Mitternacht (Nachtschicht) gehen leider noch nicht: Die Erinnerungen laufen innerhalb eines Tages. Bitte schreib Zeiten, die nach dem Beginn enden, z. B. 14:00-22:00.
setup-ask-sit_interval = Nach wie langem Sitzen soll ich dich ans Aufstehen erinnern?
setup-hint-sit_interval = Bitte tippe auf einen der Buttons, z. B. 60 Min.
setup-ask-exercise_time = Wann soll ich dich an deine tägliche Übungseinheit erinnern?
setup-hint-exercise_time = Bitte tippe auf einen Button oder schreib eine Uhrzeit, z. B. 7:45.
setup-button-mf = Mo–Fr
setup-button-ms = Mo–Sa
setup-button-all = Jeden Tag
setup-button-minutes = { $minutes } Min.
setup-button-no-reminder = Keine tägliche Erinnerung
setup-summary =
    <b>Deine Einstellungen</b>
    Zeitzone: { $timezone }
    Arbeitstage: { $days }
    Arbeitszeit: { $start }–{ $end }
    Sitzpause nach: { $minutes } Min.
    Tägliche Übungserinnerung: { $exercise }
setup-summary-none = keine
setup-button-confirm = ✅ Passt so
setup-button-change = ✏️ Etwas ändern
setup-choose-change = Was möchtest du ändern?
setup-field-timezone = Zeitzone
setup-field-work_days = Arbeitstage
setup-field-work_hours = Arbeitszeit
setup-field-sit_interval = Sitzpausen-Intervall
setup-field-exercise_time = Übungserinnerung
setup-complete-open = Alles bereit! Deine Übungen sind freigeschaltet. Mit /help siehst du jederzeit, was ich kann.
setup-complete-locked = Alles bereit! Bis eine Ärztin oder ein Arzt dich freigegeben hat, erinnere ich dich nur ans Aufstehen und Bewegen – dann schick /screen.
setup-access-granted = Danke – die Übungen sind freigeschaltet.
setup-button-not-yet = Noch nicht
setup-unsupported = Hier verstehe ich nur Text und Buttons.
# Arbeitszeit nicht länger als der Sitzpausen-Abstand: die erste Erinnerung käme erst nach Feierabend.
setup-short-window = Kleiner Hinweis: Deine Arbeitszeit ({ $start }–{ $end }) ist nicht länger als dein Sitzpausen-Abstand ({ $minutes } Min.), daher passt keine Sitzpausen-Erinnerung in deinen Tag. Mit { $suggested } Minuten würde es klappen – oder mit einer längeren Arbeitszeit.
setup-short-window-hours = Kleiner Hinweis: Deine Arbeitszeit ({ $start }–{ $end }) ist nicht länger als dein Sitzpausen-Abstand ({ $minutes } Min.), daher passt keine Sitzpausen-Erinnerung in deinen Tag. Mit einer längeren Arbeitszeit haben die Erinnerungen Platz.
