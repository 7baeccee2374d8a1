# /settings: Tag und Uhrzeit des wöchentlichen Rückblicks.

settings-row-summary = Wochenrückblick: { $value }
settings-summary-value = { $day }, { $time } Uhr
settings-summary-off = Aus
settings-summary-off-button = Ausschalten
settings-button-summary = 📊 Wochenrückblick
settings-ask-summary = An welchem Tag soll dein Wochenrückblick kommen? Oder schalte ihn aus.
settings-hint-summary = Bitte tippe auf einen Tag oder schreib einen, z. B. Sonntag.
settings-ask-summary_time = Um wie viel Uhr? Tippe auf eine Zeit oder schreib eine, z. B. 18:30.
settings-hint-summary_time = Bitte tippe auf eine Zeit oder schreib eine, z. B. 18:30.
