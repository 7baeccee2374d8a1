# Sitzpausen-Erinnerungen, /sit, /pause und /resume.

reminder-text = Du sitzt seit { $duration } — Zeit für eine 2-minütige Po-Pause.
# Wie lange jemand schon sitzt, im Dativ nach „seit“ („45 Minuten“, „1 Stunde und 15 Minuten“).
duration-minutes = { $minutes ->
        [one] { $minutes } Minute
       *[other] { $minutes } Minuten
    }
duration-hours = { $hours ->
        [one] { $hours } Stunde
       *[other] { $hours } Stunden
    }
duration-hours-minutes = { $hours ->
        [one] { $hours } Stunde
       *[other] { $hours } Stunden
    } und { $minutes ->
        [one] { $minutes } Minute
       *[other] { $minutes } Minuten
    }
reminder-button-start = Pause starten
reminder-button-done = Erledigt
reminder-button-snooze = 15 Min. später
reminder-button-meeting = Im Meeting (1 Std.)
reminder-button-skip = Überspringen
reminder-break-prompt =
    <b>Steh auf</b> und spanne deinen Po ein paar Sekunden lang an, dann locker lassen. Wiederhole das ein paar Mal und geh ein paar Schritte, wenn du kannst.
    Dein Sitz-Timer beginnt jetzt von vorn.
# The reminder itself, once a button answered it (the time is when it was pressed).
reminder-done-at = ✅ Pause gemacht um { $time }
reminder-started-at = ✅ Pause begonnen um { $time }
reminder-break-taken = Gut gemacht! Dein Sitz-Timer beginnt von vorn: Die nächste Erinnerung kommt nach { $minutes } Minuten Sitzen.
reminder-snoozed = ⏰ Verschoben bis { $time }. Dann erinnere ich dich wieder.
reminder-meeting = Viel Erfolg im Meeting. Keine Erinnerungen bis { $time }.
reminder-skipped = ⏭ Um { $time } übersprungen. Ich frage später wieder.
reminder-skipped-at = ⏭ Um { $time } übersprungen.
reminder-skipped-now = ⏭ Übersprungen. Ich frage später wieder.
reminder-ask-why =
    Das ist heute schon das dritte Mal. Was hält dich ab?
    Keine Zeit für 2 Minuten? Probier 30 Sekunden: aufstehen, Po anspannen, wieder hinsetzen.
reminder-why-busy = Zu viel zu tun
reminder-why-meetings = Meetings
reminder-why-standing = Sitze heute nicht
reminder-why-other = Etwas anderes
reminder-why-thanks-busy = Verstehe. Wenn es hektisch ist, zählt auch die 30-Sekunden-Version: aufstehen, anspannen, hinsetzen.
reminder-why-thanks-meetings = Verstehe. Keine Erinnerungen bis { $time }; steh in der nächsten Pause auf, wenn du kannst.
reminder-why-thanks-standing = Super, Bewegung ist genau das Ziel. Heute keine Erinnerungen mehr.
reminder-why-thanks-other = Danke, dass du es mir sagst. Die 30-Sekunden-Version geht immer: aufstehen, anspannen, hinsetzen.
reminder-not-ready = Für Erinnerungen brauche ich zuerst deine Arbeitszeiten und Zeitzone. Tippe /start, um die Einrichtung abzuschließen.
reminder-sit-started = Sitz-Timer gestartet. Ich erinnere dich um { $time } ({ $minutes } Minuten).
reminder-sit-none = Sitz-Timer gestartet, aber vor deiner nächsten Arbeitszeit oder dem Ende der Pause passt keine Erinnerung.
reminder-pause-ask = Wie lange sollen die Erinnerungen pausieren?
reminder-pause-active = Die Erinnerungen pausieren bis { $date } { $time }. Wie lange ab jetzt pausieren?
reminder-pause-hour = 1 Stunde
reminder-pause-today = Rest des Tages
reminder-pause-days = Mehrere Tage
reminder-pause-ask-days = Wie viele Tage? Schreib eine Zahl von 1 bis 60, zum Beispiel <b>5</b> (heute zählt als erster Tag), oder „1 Woche“, „2 Wochen“, „bis Montag“.
reminder-pause-days-hint = Bitte schreib eine Zahl von Tagen zwischen 1 und 60, zum Beispiel <b>5</b>, oder „2 Wochen“ oder „bis Montag“.
reminder-paused = Die Erinnerungen pausieren bis { $date } { $time }. Mit /resume beendest du die Pause früher.
reminder-paused-days = Die Erinnerungen pausieren bis { $date } zum Arbeitsbeginn. Mit /resume beendest du die Pause früher.
reminder-resumed = Die Erinnerungen sind wieder an. Die nächste kommt am { $date } um { $time }.
reminder-resumed-none = Die Erinnerungen sind wieder an. Vor deiner nächsten Arbeitszeit ist keine fällig.
reminder-not-paused = Die Erinnerungen sind nicht pausiert. Die nächste kommt am { $date } um { $time }.
reminder-not-paused-none = Die Erinnerungen sind nicht pausiert. Vor deiner nächsten Arbeitszeit ist keine fällig.
reminder-unsupported = Hier kann ich nur Text lesen.
session-reminder-text =
    Deine Po-Einheit für heute steht noch aus:
    { $exercises }
    Schon erledigt? Schreib mir deine Wiederholungen, zum Beispiel <b>10 Muscheln</b>.
session-reminder-item = • { $name }: { $amount }
session-amount-per-side = { $reps } pro Seite
session-amount-reps = { $reps } Wiederholungen
session-button-start = Training starten
