# Ripetizioni dalle risposte libere, serie, /undo, /stats, /export e /delete.

progress-exercise-hip_raise = { $reps ->
    [one] sollevamento dell'anca
   *[other] sollevamenti dell'anca
}
progress-exercise-clamshell = { $reps ->
    [one] conchiglia
   *[other] conchiglie
}
progress-exercise-single_leg_bridge = { $reps ->
    [one] ponte su una gamba
   *[other] ponti su una gamba
}
progress-exercise-bridge = { $reps ->
    [one] ponte gluteo
   *[other] ponti glutei
}
progress-button-hip_raise = Sollevamenti dell'anca
progress-button-clamshell = Conchiglie
progress-button-single_leg_bridge = Ponti su una gamba
progress-button-bridge = Ponti glutei
progress-side-left = sinistra
progress-side-right = destra
progress-entry = { $reps } { $exercise }
progress-entry-side = { $reps } { $exercise } ({ $side })

progress-logged = ✅ Registrato: { $entries }.
progress-streak-line =
    { $period ->
        [week] 🔥 Serie: { $current } { $current ->
            [one] settimana
           *[other] settimane
        }
       *[day] 🔥 Serie: { $current } { $current ->
            [one] giorno
           *[other] giorni
        }
    } · record { $best } · forza dell'abitudine { $strength } %

progress-ask-exercise = Che esercizio era?
progress-ask-hint = Tocca l'esercizio o invia le ripetizioni con il suo nome, p. es. «10 conchiglie».
progress-button-never-mind = Lascia stare
progress-question-closed = OK, non ho registrato nulla.

progress-refused-zero = Non posso registrare zero ripetizioni. Invia quello che hai fatto, p. es. «10 conchiglie».
progress-refused-negative = Le ripetizioni non possono essere negative. Invia quello che hai fatto, p. es. «10 conchiglie».
progress-refused-too_many = Più di 200 in una volta sembra un errore di battitura. Invia p. es. «3x10 sollevamenti dell'anca».
progress-refused-fraction = Usa numeri interi, per favore, p. es. «10 ponti».
progress-refused-nonsense = Non ho capito bene cosa intendi. Per registrare ripetizioni, invia p. es. «10 conchiglie» o «8 sx 10 dx sollevamenti dell'anca». Con /help vedi cos'altro so fare.
progress-refused-unrecognised = Non conosco «{ $word }». Capisco sollevamenti dell'anca, conchiglie e ponti, p. es. «12 conchiglie» o «ponti 10 per lato».
progress-refused-too_long = È troppo lungo per trovarci delle ripetizioni. Invia p. es. «10/10 conchiglie».
progress-refused-ambiguous = Non sono riuscito a capire quale numero va con quale esercizio o lato. Invia un esercizio alla volta, p. es. «8 sx 10 dx conchiglie».
progress-not-ready = Prima finiamo la configurazione: tocca /start. Con /help vedi cosa so fare.

progress-rest-day = 😌 Oggi è giorno di riposo: la tua serie è congelata, non interrotta.
progress-rest-day-limit =
    { $allowed ->
        [one] Hai già { $allowed } giorno di riposo questa settimana, quindi oggi conta come un giorno normale.
       *[other] Hai già { $allowed } giorni di riposo questa settimana, quindi oggi conta come un giorno normale.
    }

progress-undone = ↩️ Rimosso: { $entries }.
progress-nothing-to-undo = Non c'è niente da annullare.

progress-stats-caption = <b>Le tue ultime 4 settimane</b>
progress-stats-streak =
    🔥 Serie: { $current } { $period ->
        [week] { $current ->
            [one] settimana
           *[other] settimane
        }
       *[day] { $current ->
            [one] giorno
           *[other] giorni
        }
    }
progress-stats-best =
    🏆 Serie migliore: { $best } { $period ->
        [week] { $best ->
            [one] settimana
           *[other] settimane
        }
       *[day] { $best ->
            [one] giorno
           *[other] giorni
        }
    }
progress-stats-strength = 💪 Forza dell'abitudine: { $strength } %
progress-stats-strength-explained = <i>Cresce ogni giorno in cui raggiungi il tuo obiettivo e cala lentamente quando ne salti uno; 100 % significa un'abitudine ben radicata.</i>
progress-weekly-caption = <b>La tua settimana con StrongBack</b>
progress-chart-locale = it_CH
progress-chart-tile-streak = Serie
progress-chart-streak-value =
    { $current } { $period ->
        [week] { $current ->
            [one] settimana
           *[other] settimane
        }
       *[day] { $current ->
            [one] giorno
           *[other] giorni
        }
    }
progress-chart-tile-sessions = Sessioni questa settimana
progress-chart-sessions-value = { $done } su { $goal }
progress-chart-tile-breaks = Pause attive questa settimana
progress-chart-breaks-value = { $taken } su { $prompted }
progress-chart-tile-pain = Mal di schiena (0–10)
progress-chart-pain-trend = { $first } → { $last }
progress-chart-pain-none = nessuna indicazione
progress-chart-this-week = questa sett.
progress-chart-welcome-first = La tua prima settimana inizia oggi
progress-chart-welcome-again = Oggi inizia una nuova settimana
progress-chart-welcome-body = Dopo ogni esercizio mandami le tue ripetizioni, p. es. «10 conchiglie». Qui vedrai la tua serie, le pause attive e il mal di schiena.
progress-chart-reps = Ripetizioni al giorno
progress-chart-no-reps = Ancora nessuna ripetizione registrata
progress-chart-breaks = Pause attive alla settimana
progress-chart-taken = fatte
progress-chart-prompted = proposte
progress-chart-pain = Mal di schiena medio alla settimana (0–10)
progress-chart-no-pain = Ancora nessuna indicazione sul dolore

progress-export-caption = Tutti i tuoi dati: { $rows } righe, un file CSV per tabella (profilo, controlli di sicurezza, ripetizioni, allenamenti, pause attive, dolore, giorni di riposo, promemoria). activity.csv elenca le tue ripetizioni, pause e indicazioni sul dolore nella tua ora locale.

progress-delete-ask = Cancellare tutto ciò che so di te — profilo, ripetizioni, pause attive, valori del dolore e promemoria? Non si può annullare.
progress-button-delete-yes = Sì, cancella tutto
progress-button-delete-no = No, tienili
progress-delete-hint = Tocca uno dei pulsanti, per favore.
progress-deleted = Fatto: tutti i tuoi dati sono cancellati e i promemoria sono fermati. Invia /start quando vuoi ricominciare.
progress-delete-cancelled = OK, non è stato cancellato nulla.

