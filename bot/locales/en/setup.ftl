# Onboarding after the screening: profile questions and the summary.

setup-ask-timezone = Which city are you in? I need it for your local time. Type the city name, or share your location.
setup-hint-timezone = Please type a city name, e.g. Berlin, or share your location.
setup-no-match-timezone = I couldn't find that place. Try a bigger city nearby, e.g. Munich or London.
setup-choose-timezone = Did you mean one of these? Tap it, or type the city again.
setup-timezone-set = Time zone set: { $zone } ({ $place }).
setup-button-location = 📍 Share my location
setup-ask-work_days = Which days do you work at a desk?
setup-hint-work_days = Please tap a button, or type your days, e.g. Mon, Tue, Thu.
setup-ask-work_hours = When do you usually work?
setup-hint-work_hours = Please tap a button, or type your hours, e.g. 8:30-17:00.
setup-overnight-work_hours = Work hours across midnight (night shifts) aren't supported yet: reminders run within one day. Please type hours that end after they start, e.g. 14:00-22:00.
setup-ask-sit_interval = After how long sitting should I remind you to get up and move?
setup-hint-sit_interval = Please tap one of the buttons, e.g. 60 min.
setup-ask-exercise_time = When should I remind you of your daily exercise session?
setup-hint-exercise_time = Please tap a button, or type a time, e.g. 7:45.
setup-button-mf = Mon–Fri
setup-button-ms = Mon–Sat
setup-button-all = Every day
setup-button-minutes = { $minutes } min
setup-button-no-reminder = No daily reminder
setup-summary =
    <b>Your setup</b>
    Time zone: { $timezone }
    Work days: { $days }
    Work hours: { $start }–{ $end }
    Sit-break after: { $minutes } min
    Daily exercise reminder: { $exercise }
setup-summary-none = none
setup-button-confirm = ✅ Looks good
setup-button-change = ✏️ Change something
setup-choose-change = What would you like to change?
setup-field-timezone = Time zone
setup-field-work_days = Work days
setup-field-work_hours = Work hours
setup-field-sit_interval = Sit-break interval
setup-field-exercise_time = Exercise reminder
setup-complete-open = All set! Your exercises are unlocked. Type /help any time to see what I can do.
setup-complete-locked = All set! I'll stick to reminders to stand up and move until a doctor has cleared you — then send /screen.
setup-access-granted = Thanks — the exercises are unlocked.
setup-button-not-yet = Not yet
setup-unsupported = I can only read text and button taps here.
# Work hours no longer than the sit-break interval: the first reminder would come at or after work ends.
setup-short-window = Heads-up: your work hours ({ $start }–{ $end }) are not longer than your sit-break interval ({ $minutes } min), so no sit-break reminder fits into your day. A { $suggested }-minute interval would work, or longer work hours.
setup-short-window-hours = Heads-up: your work hours ({ $start }–{ $end }) are not longer than your sit-break interval ({ $minutes } min), so no sit-break reminder fits into your day. Longer work hours would give the reminders room.
