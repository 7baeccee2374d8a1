# Safety screening (PRODUCT.md §1). Question keys are screening-q-<id> for every id in
# coach/data/screening.toml; hints are screening-hint-<kind>.

screening-intro = Before any exercises, a few quick safety questions, one at a time. Tap a button or just type your answer.

screening-q-radiating = Does pain spread from your back down into a leg?
screening-q-numbness = Do you have numbness or tingling in a leg or buttock?
screening-q-saddle = Is there any numbness around your groin — the “saddle” area you would sit on?
screening-q-weakness = Have you lost strength in a leg or foot?
screening-q-both_legs = Are these leg symptoms in both legs?
screening-q-bladder_bowel = Do you have new trouble controlling or passing urine or stool — or new problems with sex, such as numbness or erection problems?
screening-q-systemic = Does any of these apply: fever, unexplained weight loss, a history of cancer, or a recent fall or accident?
screening-q-medical_history = Does any of these apply: steroid tablets (cortisone) taken for a long time, osteoporosis, a weakened immune system (e.g. from medication or illness), or ever having injected drugs?
screening-q-pain_pattern = Is your back pain worse at night or not eased by rest — or do you have pain between your shoulder blades?
screening-q-age_onset = Did you first get back pain before the age of 20 or after 55?
screening-q-pain_now = How strong is your back pain right now, from 0 (none) to 10 (worst imaginable)?
screening-q-duration = How long have you had this back pain?

screening-hint-yes_no = Please tap Yes or No — or type yes / no.
screening-hint-scale = Please tap a number or type one from 0 to 10, e.g. 3.
screening-hint-choice = Please tap one of the buttons — or type e.g. “2 weeks” or “6 months”.

screening-button-yes = Yes
screening-button-no = No
screening-duration-lt_6w = < 6 weeks
screening-duration-6_12w = 6–12 weeks
screening-duration-gt_3m = > 3 months

screening-outcome-cleared = Thanks! None of the warning signs applies to you, so the exercises are open.
screening-outcome-doctor = Thanks for your honest answers. Please see a doctor before doing the exercises — once a doctor has cleared you, send /screen. Until then, I can still remind you to stand up and move after long sitting.
screening-outcome-urgent = Please seek urgent medical care today.

screening-note-not-chronic = This programme is based on studies of non-specific, chronic back pain (lasting more than 3 months). They can't be automatically applied to every type of back pain, so they may not apply to you.

safety-note = Important: the exercises shouldn't make your symptoms worse. If your symptoms get significantly worse or new ones appear, stop and seek medical advice.

screening-stale = This button has expired.
screening-outdated = The questions have changed, so let's start again from the first one.
screening-needs-confirmation = Your last check showed a warning sign. Has a doctor cleared you for the exercises since then?
screening-button-doctor-cleared = A doctor cleared me
