# Sicherheitscheck (PRODUCT.md §1). Fragen-Keys sind screening-q-<id> für jede id in
# coach/data/screening.toml; Hinweise sind screening-hint-<kind>.

screening-intro = Bevor es mit den Übungen losgeht, ein paar kurze Sicherheitsfragen, eine nach der anderen. Tippe auf einen Button oder schreib deine Antwort einfach.

screening-q-radiating = Strahlt der Schmerz vom Rücken in ein Bein aus?
screening-q-numbness = Hast du ein Taubheitsgefühl oder Kribbeln in einem Bein oder im Gesäß?
screening-q-saddle = Fühlt sich der Bereich um den Schritt taub an – also dort, wo du auf einem Sattel sitzen würdest?
screening-q-weakness = Hast du in einem Bein oder Fuß an Kraft verloren?
screening-q-bladder_bowel = Hast du neuerdings Probleme, Blase oder Darm zu kontrollieren oder zu entleeren?
screening-q-systemic = Trifft etwas davon zu: Fieber, ungewollter Gewichtsverlust, eine frühere Krebserkrankung oder ein kürzlicher Sturz oder Unfall?
screening-q-pain_now = Wie stark sind deine Rückenschmerzen gerade – von 0 (keine) bis 10 (die schlimmsten vorstellbaren)?
screening-q-duration = Wie lange hast du diese Rückenschmerzen schon?

screening-hint-yes_no = Bitte tippe auf Ja oder Nein – oder schreib ja / nein.
screening-hint-scale = Bitte tippe auf eine Zahl oder schreib eine von 0 bis 10, z. B. 3.
screening-hint-choice = Bitte tippe auf einen der Buttons – oder schreib z. B. „2 Wochen“ oder „6 Monate“.

screening-button-yes = Ja
screening-button-no = Nein
screening-duration-lt_6w = unter 6 Wochen
screening-duration-6_12w = 6–12 Wochen
screening-duration-gt_3m = über 3 Monate

screening-outcome-cleared = Danke! Keines der Warnzeichen trifft auf dich zu, die Übungen sind freigeschaltet.
screening-outcome-doctor = Danke für deine ehrlichen Antworten. Bitte lass das zuerst ärztlich abklären, bevor du mit den Übungen anfängst – sobald du grünes Licht hast, schick /screen. Bis dahin erinnere ich dich gern weiter daran, nach langem Sitzen aufzustehen und dich zu bewegen.
screening-outcome-urgent = Bitte hol dir noch heute dringend ärztliche Hilfe.

screening-note-not-chronic = Dieses Programm beruht auf Studien zu unspezifischen, chronischen Rückenschmerzen (länger als 3 Monate). Die Ergebnisse lassen sich nicht automatisch auf jede Art von Rückenschmerzen übertragen und gelten vielleicht nicht für dich.

safety-note = Wichtig: Die Übungen sollten deine Beschwerden nicht verschlimmern. Wenn sie deutlich schlimmer werden oder neue Beschwerden auftreten, hör auf und hol dir ärztlichen Rat.

screening-stale = Dieser Button ist nicht mehr gültig.
screening-outdated = Die Fragen haben sich geändert, also fangen wir noch mal von vorn an.
screening-needs-confirmation = Bei deinem letzten Check gab es ein Warnzeichen. Hat dich seitdem eine Ärztin oder ein Arzt für die Übungen freigegeben?
screening-button-doctor-cleared = Ich bin ärztlich freigegeben
