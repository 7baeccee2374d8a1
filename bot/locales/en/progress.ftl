# Reps from plain replies, streaks, /undo, /stats, /export and /delete.

progress-exercise-hip_raise = { $reps ->
    [one] hip raise
   *[other] hip raises
}
progress-exercise-clamshell = { $reps ->
    [one] clamshell
   *[other] clamshells
}
progress-exercise-single_leg_bridge = { $reps ->
    [one] single-leg bridge
   *[other] single-leg bridges
}
progress-exercise-bridge = { $reps ->
    [one] bridge
   *[other] bridges
}
progress-button-hip_raise = Hip raises
progress-button-clamshell = Clamshells
progress-button-single_leg_bridge = Single-leg bridges
progress-button-bridge = Bridges
progress-side-left = left
progress-side-right = right
progress-entry = { $reps } { $exercise }
progress-entry-side = { $reps } { $exercise } ({ $side })

progress-logged = ✅ Logged: { $entries }.
progress-streak-line =
    { $period ->
        [week] 🔥 Streak: { $current } { $current ->
            [one] week
           *[other] weeks
        }
       *[day] 🔥 Streak: { $current } { $current ->
            [one] day
           *[other] days
        }
    } · best { $best } · habit strength { $strength } %

progress-ask-exercise = Which exercise was that?
progress-ask-hint = Please tap the exercise, or send the reps with its name, e.g. “10 clamshells”.
progress-button-never-mind = Never mind
progress-question-closed = OK, nothing logged.

progress-refused-zero = Zero reps can't be logged. Send what you did, e.g. “10 clamshells”.
progress-refused-negative = Reps can't be negative. Send what you did, e.g. “10 clamshells”.
progress-refused-too_many = More than 200 in one go looks like a typo. Send e.g. “3x10 hip raises”.
progress-refused-fraction = Please use whole numbers, e.g. “10 bridges”.
progress-refused-nonsense = I'm not sure what you mean. To log reps, send e.g. “10 clamshells” or “8 L 10 R hip raises”. /help shows what else I can do.
progress-refused-unrecognised = I don't know “{ $word }”. I understand hip raises, clamshells and bridges, e.g. “12 clamshells” or “bridges 10 each side”.
progress-refused-too_long = That's too long for a rep report. Send e.g. “10/10 clamshells”.
progress-refused-ambiguous = I couldn't tell which number belongs to which exercise or side. Send one exercise at a time, e.g. “8 L 10 R clamshells”.
progress-not-ready = Let's finish setting you up first: tap /start. /help shows what I can do.

progress-rest-day = 😌 Today is a rest day: your streak is frozen, not broken.
progress-rest-day-limit = You already have { $allowed } rest days this week, so today counts as a normal day.

progress-undone = ↩️ Removed: { $entries }.
progress-nothing-to-undo = There's nothing to undo.

progress-stats-caption = <b>Your last 4 weeks</b>
progress-stats-streak =
    🔥 Streak: { $current } { $period ->
        [week] { $current ->
            [one] week
           *[other] weeks
        }
       *[day] { $current ->
            [one] day
           *[other] days
        }
    }
progress-stats-best =
    🏆 Best streak: { $best } { $period ->
        [week] { $best ->
            [one] week
           *[other] weeks
        }
       *[day] { $best ->
            [one] day
           *[other] days
        }
    }
progress-stats-strength = 💪 Habit strength: { $strength } %
progress-stats-strength-explained = <i>It grows on each day you meet your goal and fades slowly when you miss one; 100 % is a firm habit.</i>
progress-weekly-caption = <b>Your week with StrongBack</b>

# The progress picture (/stats and the weekly summary). Its dates and numbers are written the
# way this Babel locale writes them: British English gives “7 Dec”, never the US “Dec 7”.
progress-chart-locale = en_GB
progress-chart-tile-streak = Streak
progress-chart-streak-value =
    { $current } { $period ->
        [week] { $current ->
            [one] week
           *[other] weeks
        }
       *[day] { $current ->
            [one] day
           *[other] days
        }
    }
progress-chart-tile-sessions = Sessions this week
progress-chart-sessions-value = { $done } of { $goal }
progress-chart-tile-breaks = Sit breaks this week
progress-chart-breaks-value = { $taken } of { $prompted }
progress-chart-tile-pain = Back pain (0–10)
progress-chart-pain-trend = { $first } → { $last }
progress-chart-pain-none = no check-ins
progress-chart-reps = Reps per day
progress-chart-no-reps = No reps logged yet
progress-chart-breaks = Sit breaks per week
progress-chart-taken = taken
progress-chart-prompted = prompted
progress-chart-pain = Back pain, weekly average (0–10)
progress-chart-no-pain = No pain check-ins yet
progress-chart-this-week = this week
progress-chart-welcome-first = Your first week starts today
progress-chart-welcome-again = A fresh week starts today
progress-chart-welcome-body = After each exercise, send me your reps, e.g. “10 clamshells”. Your streak, sit breaks and back pain will show up here.

progress-export-caption = All your data: { $rows } rows, one CSV file per table (profile, safety checks, reps, workouts, sit breaks, pain, rest days, reminders). activity.csv lists your reps, breaks and pain in your local time.

progress-delete-ask = Delete everything I know about you — profile, reps, sit breaks, pain scores and reminders? This can't be undone.
progress-button-delete-yes = Yes, delete everything
progress-button-delete-no = No, keep it
progress-delete-hint = Please tap one of the buttons.
progress-deleted = Done: all your data is deleted and your reminders are stopped. Send /start whenever you want to begin again.
progress-delete-cancelled = OK, nothing was deleted.

