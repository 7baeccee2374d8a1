# Re-offering the safety check: pain well above the last check, or a reply about new symptoms.

safety-symptom = That sounds like a new symptom, so I haven't logged anything. Please stop the exercises and seek medical advice, then redo the safety check.
safety-symptom-urgent = Please seek urgent medical care today.
safety-symptom-urgent-screen = I haven't logged anything. Once you've been seen, please redo the safety check.
safety-button-screen = Redo safety check

## The hold: a stop stays in force until a safety check clears it.

safety-held-pain = Exercises are paused: you reported pain { $pain } (our rule: 6 or more means stop). Please redo the safety check before the next exercises.
safety-held-pain_rise = Exercises are paused: pain { $pain } is clearly higher than at your last safety check ({ $baseline }). Please redo the safety check before the next exercises.
safety-held-symptom = Exercises are paused because you reported a new symptom. Please seek medical advice, then redo the safety check.
safety-held-urgent = Exercises are paused because you reported a sign that needs urgent medical care. Please get help today, then redo the safety check.
safety-reps-not-logged = I haven't logged these reps.
safety-break-walk = Time to get up! Stand up and walk around for two minutes.
safety-session-held = Your daily session is paused for now.
safety-doctor-not-yet = Then the exercises stay paused until a doctor has cleared you. Your reminders to stand up and move carry on. Once you've been cleared, send /screen.
safety-doctor-not-yet-setup = Then the exercises stay paused until a doctor has cleared you. I can still remind you to stand up and move after long sitting, so let's set that up. Once you've been cleared, send /screen.
safety-urgent-followup = Earlier you told me about a sign that needs urgent medical care. Please get help today if you haven't yet. Until a doctor has cleared you, there are no exercises here.
safety-urgent-followup-setup = What I can still do: remind you to stand up and move after long sitting.
safety-urgent-followup-onboarded = Your reminders to stand up and move carry on. Once a doctor has cleared you, redo the safety check.
safety-button-reminders = Set up sit-break reminders
safety-why-walk = Understood. Even 30 seconds count: stand up and walk a few steps.
