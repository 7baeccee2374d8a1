# /settings and /language: the profile, one button per value, and the language switch.

settings-title = <b>Your settings</b>
settings-row-timezone = Time zone: { $value }
settings-row-work_days = Work days: { $value }
settings-row-work_hours = Work hours: { $value }
settings-row-sit_interval = Sit-break after: { $value } min
settings-row-exercise_time = Daily exercise reminder: { $value }
settings-row-goal = Goal: a full session { $value }
settings-row-language = Language: { $value }
settings-footer = Tap a value to change it.
settings-not-set = not set
settings-goal-value =
    { $days ->
        [7] every day
        [1] on 1 day a week
       *[other] on { $days } days a week
    }

settings-button-timezone = 🌍 Time zone
settings-button-work_days = 📅 Work days
settings-button-work_hours = 🕘 Work hours
settings-button-sit_interval = 🪑 Sit-break
settings-button-exercise_time = ⏰ Exercise reminder
settings-button-goal = 🎯 Goal
settings-button-language = 🗣 Language
settings-button-done = ✅ Done
settings-button-back = ← Back

settings-ask-goal = How often do you want to do a full exercise session?
settings-hint-goal = Please tap a button, or type a number of days a week from 1 to 7, e.g. 5.
settings-goal-button =
    { $days ->
        [7] Every day
        [1] 1 day a week
       *[other] { $days } days a week
    }
settings-ask-language = Which language should I speak?
settings-hint-language = Please tap a button, or type a language's name: { $languages }.
settings-closed = Saved. Send /settings any time to change something.

language-ask = Which language should I speak?
language-set = Okay, from now on I'll speak English.

zone-unknown = I no longer know your time zone, so for now I count your days and times in UTC. Please choose your city again: /settings → 🌍 Time zone.
