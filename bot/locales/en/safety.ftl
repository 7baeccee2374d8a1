# Re-offering the safety check: pain well above the last check, or a reply about new symptoms.

safety-pain-rise = Pain { $pain } is clearly higher than at your last safety check ({ $baseline }). Please redo the safety check before the next exercises.
safety-symptom = That sounds like a new symptom, so I haven't logged anything. Please stop the exercises and seek medical advice, then redo the safety check.
safety-symptom-urgent = Please seek urgent medical care today.
safety-symptom-urgent-screen = I haven't logged anything. Once you've been seen, please redo the safety check.
safety-button-screen = Redo safety check
