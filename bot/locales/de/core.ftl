# Allgemeine Texte: Begrüßung, Hilfe, Antworten auf Unverständliches und Fehler.

start-welcome =
    Hallo { $name }! Ich bin <b>StrongBack</b>, dein Coach gegen Rückenschmerzen vom vielen Sitzen.
    Langes Sitzen schwächt deine Gesäßmuskeln, und schwache Gesäßmuskeln belasten deinen unteren Rücken stärker. Starke Gesäßmuskeln stabilisieren Hüfte und Becken – so kann dein Rücken entspannen.
start-welcome-back = Willkommen zurück, { $name }! Was möchtest du tun?
start-rescreen-due =
    Willkommen zurück, { $name }! Dein letzter Sicherheitscheck ist 4 Wochen oder länger her. Beschwerden können sich ändern – bitte beantworte die Fragen noch einmal, bevor du trainierst.
button-rescreen = Sicherheitscheck wiederholen
button-begin = Los geht's
button-how-it-works = So funktioniert's
help-text =
    <b>StrongBack</b> hilft dir aus der Spirale Sitzen → schwache Gesäßmuskeln → Rückenschmerzen.
    { $commands }
    Statt auf Buttons zu tippen, kannst du auch immer einfach schreiben – auch deine Wiederholungen, z. B. „12 Muscheln“ oder „8 L 10 R“.
help-command = /{ $command } – { $description }
unknown-command = Diesen Befehl kenne ich nicht. Mit /help siehst du, was ich kann.
unsupported-message = Ich verstehe nur Text und Buttons. Schreib ein Wort oder versuch es mit /help.
text-without-context = Ich bin nicht sicher, was du meinst. Mit /help siehst du, was ich kann.
button-expired = Dieser Button ist abgelaufen.
error-apology = Entschuldige, bei mir ist etwas schiefgegangen. Bitte versuch es gleich noch einmal.
cancel-nothing = Gerade gibt es nichts abzubrechen.
cancel-setup = Einrichtung gestoppt. Deine bisherigen Antworten bleiben gespeichert; mit /start machst du weiter.
cancel-screening = Sicherheitscheck gestoppt. Davon wurde nichts gespeichert; mit /start fängst du neu an.
cancel-settings = Abgebrochen. Deine Einstellungen bleiben, wie sie sind.
cancel-pause = Abgebrochen. Deine Erinnerungen laufen weiter wie bisher.
cancel-delete = Abgebrochen. Es wurde nichts gelöscht.
cancel-reps = Abgebrochen. Es wurde nichts eingetragen.
cancel-other = Abgebrochen.
private-only = Ich coache jede Person einzeln im privaten Chat, damit deine Gesundheitsdaten unter uns bleiben. Tippe unten, um mir dort zu schreiben.
private-only-button = Privaten Chat öffnen
private-only-toast = Lass uns privat schreiben: Ich arbeite nur im Einzelchat.
