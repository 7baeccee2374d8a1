# Promemoria per le pause attive, /sit, /pause e /resume.

reminder-text = Hai passato { $duration } in posizione seduta — è il momento di una pausa di 2 minuti per i glutei.
# Da quanto tempo una persona è seduta, in unità naturali («45 minuti», «1 ora e 15 minuti»).
duration-minutes = { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minuti
    }
duration-hours = { $hours ->
        [one] { $hours } ora
       *[other] { $hours } ore
    }
duration-hours-minutes = { $hours ->
        [one] { $hours } ora
       *[other] { $hours } ore
    } e { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minuti
    }
reminder-button-start = Inizia la pausa
reminder-button-done = Fatto
reminder-button-snooze = Tra 15 min
reminder-button-meeting = In riunione (1 h)
reminder-button-skip = Salta
reminder-break-prompt =
    <b>Alzati</b> e contrai i glutei per qualche secondo, poi rilassali. Ripeti qualche volta e fai qualche passo, se puoi.
    Il timer della posizione seduta riparte da zero adesso.
# Il promemoria stesso, dopo che un pulsante gli ha risposto (l'ora è quella in cui è stato premuto).
reminder-done-at = ✅ Pausa fatta alle { $time }
reminder-started-at = ✅ Pausa iniziata alle { $time }
reminder-break-taken = Ottimo! Il timer riparte da zero: il prossimo promemoria arriva dopo { $minutes } minuti in posizione seduta.
reminder-snoozed = ⏰ Rimandato alle { $time }. Ti avviso di nuovo a quell'ora.
reminder-meeting = Buona riunione! Nessun promemoria fino alle { $time }.
reminder-skipped = ⏭ Pausa saltata alle { $time }. Ci riprovo più tardi.
reminder-skipped-at = ⏭ Pausa saltata alle { $time }.
reminder-skipped-now = ⏭ Pausa saltata. Ci riprovo più tardi.
reminder-ask-why =
    È la terza pausa che salti oggi. Cosa ti frena?
    Non hai tempo per 2 minuti? Prova con 30 secondi: alzati, contrai i glutei, risiediti.
reminder-why-busy = Troppo da fare
reminder-why-meetings = In riunione
reminder-why-standing = Oggi in piedi
reminder-why-other = Altro
reminder-why-thanks-busy = Capito. Quando c'è tanto da fare, conta anche la versione da 30 secondi: alzati, contrai, risiediti.
reminder-why-thanks-meetings = Capito. Nessun promemoria fino alle { $time }; alzati durante la prossima pausa, se puoi.
reminder-why-thanks-standing = Ottimo, muoversi è proprio l'obiettivo. Per oggi niente più promemoria.
reminder-why-thanks-other = Grazie per avermelo detto. La versione da 30 secondi è sempre possibile: alzati, contrai, risiediti.
reminder-not-ready = Per i promemoria mi servono prima il tuo orario di lavoro e il tuo fuso orario. Tocca /start per completare la configurazione.
reminder-sit-started = Timer della posizione seduta avviato. Ti avviso alle { $time } ({ $minutes } minuti).
reminder-sit-none = Timer della posizione seduta avviato, ma nessun promemoria rientra prima del tuo prossimo orario di lavoro o della fine della pausa.
reminder-pause-ask = Per quanto tempo vuoi mettere in pausa i promemoria?
reminder-pause-active = I promemoria sono in pausa (ripresa: { $date } alle { $time }). Per quanto tempo vuoi metterli in pausa da adesso?
reminder-pause-hour = 1 ora
reminder-pause-today = Resto della giornata
reminder-pause-days = Più giorni
reminder-pause-ask-days = Quanti giorni? Scrivi un numero da 1 a 60, per esempio <b>5</b> (oggi conta come primo giorno), oppure «una settimana», «2 settimane», «fino a lunedì».
reminder-pause-days-hint = Scrivi un numero di giorni da 1 a 60, per esempio <b>5</b>, oppure «2 settimane» o «fino a lunedì».
reminder-paused = I promemoria sono in pausa. Ripresa: { $date } alle { $time }. Con /resume termini la pausa prima.
reminder-paused-days = I promemoria sono in pausa fino a { $date }, all'inizio del lavoro. Con /resume termini la pausa prima.
reminder-resumed = I promemoria sono di nuovo attivi. Il prossimo: { $date } alle { $time }.
reminder-resumed-none = I promemoria sono di nuovo attivi. Nessuno è previsto prima del tuo prossimo orario di lavoro.
reminder-not-paused = I promemoria non sono in pausa. Il prossimo: { $date } alle { $time }.
reminder-not-paused-none = I promemoria non sono in pausa. Nessuno è previsto prima del tuo prossimo orario di lavoro.
reminder-unsupported = Qui posso leggere solo testo.
session-reminder-text =
    La tua sessione per i glutei di oggi è ancora da fare:
    { $exercises }
    Già fatto? Rispondi con le tue ripetizioni, per esempio <b>10 conchiglie</b>.
session-reminder-item = • { $name }: { $amount }
session-amount-per-side = { $reps } per lato
session-amount-reps =
    { $reps ->
        [one] { $reps } ripetizione
       *[other] { $reps } ripetizioni
    }
session-button-start = Inizia l'allenamento
