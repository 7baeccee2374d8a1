# /settings und /language: das Profil, ein Button pro Wert, und der Sprachwechsel.

settings-title = <b>Deine Einstellungen</b>
settings-row-timezone = Zeitzone: { $value }
settings-row-work_days = Arbeitstage: { $value }
settings-row-work_hours = Arbeitszeit: { $value }
settings-row-sit_interval = Sitzpause nach: { $value } Min.
settings-row-exercise_time = Tägliche Übungserinnerung: { $value }
settings-row-goal = Ziel: eine volle Einheit { $value }
settings-row-language = Sprache: { $value }
settings-footer = Tippe auf einen Wert, um ihn zu ändern.
settings-not-set = nicht festgelegt
settings-goal-value =
    { $days ->
        [7] jeden Tag
        [1] an 1 Tag pro Woche
       *[other] an { $days } Tagen pro Woche
    }

settings-button-timezone = 🌍 Zeitzone
settings-button-work_days = 📅 Arbeitstage
settings-button-work_hours = 🕘 Arbeitszeit
settings-button-sit_interval = 🪑 Sitzpause
settings-button-exercise_time = ⏰ Übungserinnerung
settings-button-goal = 🎯 Ziel
settings-button-language = 🗣 Sprache
settings-button-done = ✅ Fertig
settings-button-back = ← Zurück

settings-ask-goal = Wie oft möchtest du eine volle Übungseinheit machen?
settings-hint-goal = Bitte tippe auf einen Button oder schreib, an wie vielen Tagen pro Woche (1 bis 7), z. B. 5.
settings-goal-button =
    { $days ->
        [7] Jeden Tag
        [1] 1 Tag pro Woche
       *[other] { $days } Tage pro Woche
    }
settings-ask-language = Welche Sprache soll ich sprechen?
settings-hint-language = Bitte tippe auf einen Button oder schreib den Namen einer Sprache: { $languages }.
settings-closed = Gespeichert. Mit /settings kannst du jederzeit etwas ändern.

language-ask = Welche Sprache soll ich sprechen?
language-set = Alles klar, ab jetzt spreche ich Deutsch.

zone-unknown = Deine Zeitzone kenne ich leider nicht mehr, deshalb rechne ich deine Tage und Uhrzeiten vorerst in UTC. Bitte wähl deine Stadt noch einmal aus: /settings → 🌍 Zeitzone.
