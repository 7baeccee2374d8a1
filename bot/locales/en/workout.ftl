# Guided exercise walkthroughs (/workout, /exercise, the 2-minute break) and the exercises.
# Floor exercise facts come from the article "Strong bum, strong back" only; the desk break's
# standing exercises from the NHS pages named in their section.
# The pain traffic light and the progression ladder are our own rules (after the pain-monitoring
# model of Silbernagel et al. 2007), and the texts say so: "our rule".

## The exercises

exercise-hip_raise-name = Hip raises
exercise-hip_raise-start = Support yourself on your forearms, with both knees on the ground.
exercise-hip_raise-step-1 = Get onto your forearms and keep both knees on the ground.
exercise-hip_raise-step-2 = Lift one leg until your thigh is parallel to the floor.
exercise-hip_raise-step-3 = Lower the knee back to the ground. That's one rep.
exercise-hip_raise-cue-1 = Your forearms and both knees carry you at the start.
exercise-hip_raise-cue-2 = Lift until the thigh is parallel to the floor.
exercise-hip_raise-mistake-1 = Stopping short: the thigh should reach parallel to the floor.
exercise-hip_raise-stop = The exercise shouldn't worsen your symptoms. Stop if it does.
picture-hip_raise-forearms = Forearms on the floor
picture-hip_raise-thigh_parallel = Thigh parallel to the floor

exercise-clamshell-name = Clamshells
exercise-clamshell-start = Lie on your side with one leg stacked on top of the other.
exercise-clamshell-step-1 = Lie on your side and stack your legs, one on top of the other.
exercise-clamshell-step-2 = Open your top knee upwards, as if you were opening a shell.
exercise-clamshell-step-3 = Close the knee again. That's one rep.
exercise-clamshell-cue-1 = Start with the legs stacked.
exercise-clamshell-cue-2 = Open the top knee upwards, like a shell.
exercise-clamshell-mistake-1 = Starting with the legs apart instead of stacked.
exercise-clamshell-stop = The exercise shouldn't worsen your symptoms. Stop if it does.
picture-clamshell-knees_stacked = Legs stacked
picture-clamshell-knee_opens = Top knee opens

exercise-single_leg_bridge-name = Single-leg bridges
exercise-single_leg_bridge-start = Lie on your back with one leg on the floor and the other extended upwards.
exercise-single_leg_bridge-step-1 = Lie on your back.
exercise-single_leg_bridge-step-2 = Keep one foot on the floor and extend the other leg upwards.
exercise-single_leg_bridge-step-3 = Push your hips upwards until your body forms a straight line.
exercise-single_leg_bridge-step-4 = Lower your hips again. That's one rep.
exercise-single_leg_bridge-cue-1 = Push up until your body forms a straight line.
exercise-single_leg_bridge-cue-2 = Too intense? Do the two-legged bridge until this works without pain.
exercise-single_leg_bridge-mistake-1 = Stopping before your body forms a straight line.
exercise-single_leg_bridge-stop = The exercise shouldn't worsen your symptoms. Stop if it does.
picture-single_leg_bridge-straight_line = Straight line
picture-single_leg_bridge-leg_up = Leg extended upwards

exercise-bridge-name = Two-legged bridge
exercise-bridge-start = Lie on your back with both feet on the floor.
exercise-bridge-step-1 = Lie on your back with both feet on the floor.
exercise-bridge-step-2 = Push your hips upwards until your body forms a straight line.
exercise-bridge-step-3 = Lower your hips again. That's one rep.
exercise-bridge-cue-1 = Push up until your body forms a straight line.
exercise-bridge-cue-2 = Our rule: after 3 pain-free sessions with it, the single-leg bridge is next.
exercise-bridge-mistake-1 = Stopping before your body forms a straight line.
exercise-bridge-stop = The exercise shouldn't worsen your symptoms. Stop if it does.
picture-bridge-straight_line = Straight line
picture-bridge-feet_flat = Both feet on the floor

## The desk break (the reminder's "Start break"): standing, no floor. Sources: NHS "Why we
## should sit less", NHS "Strength exercises" (sit-to-stand, mini-squats, sideways leg lift),
## NHS OPAL "Standing hip extension" (see docs/FEATURES.md).

exercise-desk_walk-name = Stand up and walk
exercise-desk_walk-start = Get up from your chair.
exercise-desk_walk-step-1 = Walk around at an easy pace: to the window, the water or a colleague's desk.
exercise-desk_walk-step-2 = Then come back to your desk.
exercise-desk_walk-stop = The exercises shouldn't worsen your symptoms. Stop if they do.

exercise-desk_squat-name = Mini squats
exercise-desk_squat-start = Stand with your feet hip-width apart, hands resting on your desk.
exercise-desk_squat-step-1 = Slowly bend your knees as far as is comfortable, knees facing forwards, back straight.
exercise-desk_squat-step-2 = Come back up to standing, squeezing your buttocks as you do.
exercise-desk_squat-stop = The exercise shouldn't worsen your symptoms. Stop if it does.
picture-desk_squat-squeeze = Squeeze your glutes

exercise-desk_hip_extension-name = Standing hip extension
exercise-desk_hip_extension-start = Stand facing your desk and hold on to it; hips, knees and feet point forwards.
exercise-desk_hip_extension-step-1 = Keep the whole leg straight and move it backwards. Hold for 2 seconds.
exercise-desk_hip_extension-step-2 = Slowly bring the foot back to the start. After 5, switch legs.
exercise-desk_hip_extension-stop = The exercise shouldn't worsen your symptoms. Stop if it does.
picture-desk_hip_extension-leg_back = Straight leg back

exercise-desk_side_leg-name = Sideways leg lift
exercise-desk_side_leg-start = Stand tall and rest a hand on your desk.
exercise-desk_side_leg-step-1 = Raise one leg to the side as far as is comfortable, back and hips straight; don't lean.
exercise-desk_side_leg-step-2 = Slowly lower it again. After 5, switch legs.
exercise-desk_side_leg-stop = The exercise shouldn't worsen your symptoms. Stop if it does.
picture-desk_side_leg-leg_side = Leg out to the side

exercise-desk_sit_stand-name = Sit to stand
exercise-desk_sit_stand-start = Sit on the front of your chair, feet hip-width apart. Use a chair that can't roll away.
exercise-desk_sit_stand-step-1 = Lean slightly forwards and stand up slowly, using your legs, not your arms.
exercise-desk_sit_stand-step-2 = Stand upright, then slowly sit back down, bottom first.
exercise-desk_sit_stand-stop = The exercise shouldn't worsen your symptoms. Stop if it does.
picture-desk_sit_stand-chair = A chair that can't roll

desk-step =
    <b>{ $name }</b> ({ $number }/{ $total }): <b>{ $amount }</b>
    { $start }
    { $steps }
desk-amount-seconds = { $seconds } seconds
desk-amount-reps = { $reps ->
        [one] once
       *[other] { $reps } times
    }
desk-amount-per-side = { $reps } per side
desk-summary = Your sitting timer starts again now.

## The walkthrough

workout-intro =
    <b>{ $name }</b> ({ $number }/{ $total })
    Start position: { $start }
    { $stop }
workout-step = Step { $n } of { $steps }: { $text }
workout-reps-left = Now do <b>{ $reps } reps on the left side</b>.
workout-reps-right = Now the <b>right side: { $reps } reps</b>.
workout-reps-both = Now do <b>{ $reps } reps</b>.
workout-tips =
    Tips:
    { $cues }
    Avoid:
    { $mistakes }
workout-reps-fewer = Did fewer? Tap how many, or type the number.
workout-button-next = Next ▶
workout-button-hurts = This hurts
workout-button-continue = Continue ▶
workout-button-finish = Finish for today
workout-button-done = ✅ Done – { $reps }
workout-button-number = { $n }
workout-button-skip = Skip this exercise
workout-button-regression = Try: { $name }
workout-button-new-symptom = New symptom (leg pain, numbness…)
workout-ask-pain = Stop { $name } for now. How strong is the pain right now, from 0 (none) to 10 (worst)? If you notice something new, like pain in your leg or numbness, tap the button below.
workout-light-green = Pain { $pain }: that's fine (our rule: 0–3).
workout-light-amber = Pain { $pain }: acceptable (our rule: 4–5) if it has settled by tomorrow; if not, ease off.
workout-light-red = Pain { $pain }: that's too much (our rule: stop at 6 or more).
workout-offer-regression = You can carry on with the easier { $name }, or go on without this exercise.
workout-offer-skip = Tap below to go on without this exercise.
workout-offer-continue-skip = You can carry on where you were, or go on without this exercise.
workout-offer-continue = You can carry on where you were, switch to the easier { $name }, or go on without this exercise.
workout-stop-note = The exercises shouldn't worsen symptoms. If your symptoms worsen significantly or you experience new symptoms, stop and seek medical advice.
workout-stop-screen = Please redo the safety check with /screen.
workout-stop-pain =
    That's the end of this session.
    The exercises shouldn't worsen symptoms. If your symptoms worsen significantly or you experience new symptoms, stop and seek medical advice.
    Please redo the safety check with /screen.
workout-stop-new_symptom =
    That's the end of this session, because of the new symptom.
    If your symptoms worsen significantly or you experience new symptoms, stop and seek medical advice.
    Please redo the safety check with /screen.
workout-ask-final-pain = Well done! How is your back now, from 0 (none) to 10 (worst)?
workout-summary = <b>Session done!</b>
workout-summary-break = <b>Break done — well done!</b>
workout-summary-ended = <b>Finished for today.</b> { $done } of { $total } { $total ->
        [one] exercise
       *[other] exercises
    } logged.
workout-summary-set-left = { $reps } left
workout-summary-set-right = { $reps } right
workout-summary-set-both = { $reps }
workout-summary-skipped = Skipped: { $names }
workout-summary-total = { $reps } reps in total.
workout-choose-exercise = Which exercise would you like to practise?
workout-hint-reps = Type the reps you did, e.g. 8 (or 10/10 for left/right), or tap a button above. To finish for today, type “stop”.
workout-hint-reps-range = That can’t be one set: type 1 to 200 reps, e.g. 8 or 10/10.
workout-hint-pain = Please tap a number, or type one from 0 to 10, e.g. 3.
workout-hint-steps = Tap a button above, or type “next” to go on or “stop” to finish for today.
workout-hint-buttons = Tap a button above, or type “stop” to finish for today.
workout-hint-unsupported = I can only read text and button taps here.
workout-refused-not_screened = The exercises come after a short safety check. Send /screen to start it.
workout-refused-urgent = Your safety check showed a sign that needs urgent medical care, so I can't give you exercises. Once a doctor has cleared you, send /screen.
workout-refused-see_doctor = Your safety check showed a warning sign: please see a doctor before doing the exercises. Once a doctor has cleared you, send /screen.
workout-refused-needs_doctor_confirmation = Your last safety check showed a warning sign. Once a doctor has cleared you, send /screen and confirm it.

## The progression ladder

ladder-start-base =
    Today: hip raises, clamshells and the two-legged bridge. Our rule: { $remaining ->
        [one] one more pain-free session (pain 0–3) unlocks
       *[other] { $remaining } more pain-free sessions (pain 0–3) unlock
    } the single-leg bridge.
ladder-start-progressed = Today: hip raises, clamshells and single-leg bridges.
ladder-need_n_more_pain_free =
    Our rule: { $remaining ->
        [one] one more pain-free session (pain 0–3) with the two-legged bridge unlocks
       *[other] { $remaining } more pain-free sessions (pain 0–3) with the two-legged bridge unlock
    } the single-leg bridge.
ladder-unlocked_single_leg_bridge = That was your third pain-free session with the two-legged bridge: the single-leg bridge is unlocked for your next workout! (Our rule: 3 pain-free sessions unlock it.)
ladder-keep_progressed = You stay with the single-leg bridge.
ladder-stepped_down_after_pain = This session hurt (pain 6 or more, or a new symptom). Our rule: back to the two-legged bridge until 3 sessions with it are pain-free again.
ladder-restarted_after_pain = This session hurt (pain 6 or more, or a new symptom). Our rule: the count of pain-free sessions starts again – { $remaining } to go.
