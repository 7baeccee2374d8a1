# /settings: the day and time of the weekly summary picture.

settings-row-summary = Weekly summary: { $value }
settings-summary-value = { $day } { $time }
settings-summary-off = Off
settings-summary-off-button = Turn off
settings-button-summary = 📊 Weekly summary
settings-ask-summary = On which day should your weekly summary come? Or turn it off.
settings-hint-summary = Please tap a day, or type one, e.g. Sunday.
settings-ask-summary_time = At what time? Tap one, or type a time, e.g. 18:30.
settings-hint-summary_time = Please tap a time, or type one, e.g. 18:30 or 6:30 pm.
