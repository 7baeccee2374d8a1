# Sicherheitscheck (PRODUCT.md §1). Fragen-Keys sind screening-q-<id> für jede id in
# coach/data/screening.toml; Hinweise sind screening-hint-<kind>.

screening-intro = Bevor es mit den Übungen losgeht, ein paar kurze Sicherheitsfragen, eine nach der anderen. Tippe auf einen Button oder schreib einfach deine Antwort.

screening-q-radiating = Strahlt der Schmerz vom Rücken in ein Bein aus?
screening-q-numbness = Hast du ein Taubheitsgefühl oder Kribbeln in einem Bein oder im Gesäß?
screening-q-saddle = Fühlt sich der Bereich um den Schritt taub an – also die Stelle, mit der du auf einem Sattel sitzt?
screening-q-weakness = Hast du in einem Bein oder Fuß weniger Kraft als sonst?
screening-q-both_legs = Hast du diese Beschwerden in beiden Beinen?
screening-q-bladder_bowel = Hast du seit Kurzem Probleme, Blase oder Darm zu kontrollieren oder zu entleeren – oder neue Probleme beim Sex, z. B. Taubheit oder Erektionsstörungen?
screening-q-systemic = Trifft etwas davon auf dich zu: Fieber, Gewichtsverlust ohne erkennbaren Grund, eine Krebserkrankung (auch früher) oder ein Sturz oder Unfall in letzter Zeit?
screening-q-medical_history = Trifft etwas davon auf dich zu: längere Zeit Kortisontabletten, Osteoporose, ein geschwächtes Immunsystem (z. B. durch Medikamente oder eine Krankheit) oder jemals Drogen gespritzt?
screening-q-pain_pattern = Sind die Rückenschmerzen nachts schlimmer oder werden sie in Ruhe nicht besser – oder hast du Schmerzen zwischen den Schulterblättern?
screening-q-age_onset = Hattest du zum ersten Mal Rückenschmerzen, als du jünger als 20 oder älter als 55 warst?
screening-q-pain_now = Wie stark sind deine Rückenschmerzen gerade – von 0 (keine Schmerzen) bis 10 (die stärksten vorstellbaren Schmerzen)?
screening-q-duration = Wie lange hast du diese Rückenschmerzen schon?

screening-hint-yes_no = Bitte tippe auf Ja oder Nein – oder schreib ja / nein.
screening-hint-scale = Bitte tippe auf eine Zahl oder schreib eine von 0 bis 10, z. B. 3.
screening-hint-choice = Bitte tippe auf einen der Buttons – oder schreib z. B. „2 Wochen“ oder „6 Monate“.

screening-button-yes = Ja
screening-button-no = Nein
screening-duration-lt_6w = unter 6 Wochen
screening-duration-6_12w = 6–12 Wochen
screening-duration-gt_3m = über 3 Monate

screening-outcome-cleared = Danke! Keines der Warnzeichen trifft auf dich zu – die Übungen sind freigeschaltet.
screening-outcome-doctor = Danke für deine ehrlichen Antworten. Bitte lass das zuerst ärztlich abklären, bevor du mit den Übungen anfängst – sobald du grünes Licht hast, schick /screen. Bis dahin erinnere ich dich gern weiter daran, nach langem Sitzen aufzustehen und dich zu bewegen.
screening-outcome-urgent = Bitte hol dir noch heute dringend ärztliche Hilfe.

screening-note-not-chronic = Dieses Programm beruht auf Studien zu unspezifischen, chronischen Rückenschmerzen (länger als 3 Monate). Die Ergebnisse lassen sich nicht automatisch auf jede Art von Rückenschmerzen übertragen und gelten vielleicht nicht für dich.

safety-note = Wichtig: Die Übungen sollten deine Beschwerden nicht verschlimmern. Wenn sie deutlich schlimmer werden oder neue Beschwerden auftreten, hör auf und hol dir ärztlichen Rat.

screening-stale = Dieser Button ist nicht mehr gültig.
screening-outdated = Die Fragen haben sich geändert, also fangen wir noch mal von vorn an.
screening-needs-confirmation = Bei deinem letzten Check gab es ein Warnzeichen. Hat dich seitdem eine Ärztin oder ein Arzt für die Übungen freigegeben?
screening-button-doctor-cleared = Ich bin ärztlich freigegeben
