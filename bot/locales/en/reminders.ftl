# Sit-break reminders, /sit, /pause and /resume.

reminder-text = You have been sitting for { $duration } — time for a 2-minute glute break.
# How long someone has been sitting, in natural units ("45 minutes", "1 hour 15 minutes").
duration-minutes = { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }
duration-hours = { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    }
duration-hours-minutes = { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    } { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }
reminder-button-start = Start break
reminder-button-done = Done
reminder-button-snooze = Snooze 15 min
reminder-button-meeting = In a meeting (1 h)
reminder-button-skip = Skip
reminder-break-prompt =
    <b>Stand up</b> and squeeze your glutes for a few seconds, then relax. Repeat a few times, and walk a few steps if you can.
    Your sitting timer starts again now.
# The reminder itself, once a button answered it (the time is when it was pressed).
reminder-done-at = ✅ Break taken at { $time }
reminder-started-at = ✅ Break started at { $time }
reminder-break-taken = Well done! Your sitting timer starts again: next reminder after { $minutes } minutes of sitting.
reminder-snoozed = ⏰ Snoozed until { $time }. I'll remind you again then.
reminder-meeting = Good luck in the meeting. No reminders until { $time }.
reminder-skipped = ⏭ Skipped at { $time }. I'll ask again later.
reminder-skipped-at = ⏭ Skipped at { $time }.
reminder-skipped-now = ⏭ Skipped. I'll ask again later.
reminder-ask-why =
    That's the third skip today. What gets in the way?
    No time for 2 minutes? Try 30 seconds: stand up, squeeze your glutes, sit down again.
reminder-why-busy = Too busy
reminder-why-meetings = In meetings
reminder-why-standing = Not sitting today
reminder-why-other = Something else
reminder-why-thanks-busy = Understood. When it's hectic, the 30-second version counts too: stand up, squeeze, sit down.
reminder-why-thanks-meetings = Understood. No reminders until { $time }; stand up during the next break if you can.
reminder-why-thanks-standing = Great, moving is the point. No more reminders today.
reminder-why-thanks-other = Thanks for telling me. The 30-second version is always an option: stand up, squeeze, sit down.
reminder-not-ready = Reminders need your work hours and time zone first. Tap /start to finish the setup.
reminder-sit-started = Sitting timer started. I'll remind you at { $time } ({ $minutes } minutes).
reminder-sit-none = Sitting timer started, but no reminder fits before your next work hours or pause ends.
reminder-pause-ask = Pause reminders for how long?
reminder-pause-active = Reminders are paused until { $date } { $time }. Pause for how long from now?
reminder-pause-hour = 1 hour
reminder-pause-today = Rest of today
reminder-pause-days = Several days
reminder-pause-ask-days = How many days? Type a number from 1 to 60, for example <b>5</b> (today counts as the first day), or “a week”, “2 weeks”, “until Monday”.
reminder-pause-days-hint = Please type a number of days from 1 to 60, for example <b>5</b>, or “2 weeks” or “until Monday”.
reminder-paused = Reminders are paused until { $date } { $time }. /resume ends the pause early.
reminder-paused-days = Reminders are paused until { $date }, start of work. /resume ends the pause early.
reminder-resumed = Reminders are on again. Next one at { $date } { $time }.
reminder-resumed-none = Reminders are on again. None is due before your next work hours.
reminder-not-paused = Reminders are not paused. Next one at { $date } { $time }.
reminder-not-paused-none = Reminders are not paused. None is due before your next work hours.
reminder-unsupported = I can only read text here.
session-reminder-text =
    Today's glute session is still open:
    { $exercises }
    Done already? Reply with your reps, for example <b>10 clamshells</b>.
session-reminder-item = • { $name }: { $amount }
session-amount-per-side = { $reps } per side
session-amount-reps = { $reps } reps
session-button-start = Start workout
