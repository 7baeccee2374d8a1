# Configurazione dopo il controllo di sicurezza: domande del profilo e riepilogo.

setup-ask-timezone = In che città ti trovi? Mi serve per la tua ora locale. Scrivi il nome della città o condividi la tua posizione.
setup-hint-timezone = Scrivi il nome di una città, p. es. Lugano, o condividi la tua posizione.
setup-no-match-timezone = Non ho trovato questo luogo. Prova con una città più grande nelle vicinanze, p. es. Lugano o Milano.
setup-choose-timezone = Intendevi uno di questi luoghi? Toccalo o scrivi di nuovo la città.
setup-timezone-set = Fuso orario impostato: { $zone } ({ $place }).
setup-button-location = 📍 Condividi la posizione
setup-ask-work_days = In quali giorni lavori alla scrivania?
setup-hint-work_days = Tocca un pulsante o scrivi i tuoi giorni, p. es. lun, mar, gio.
setup-ask-work_hours = Qual è di solito il tuo orario di lavoro?
setup-hint-work_hours = Tocca un pulsante o scrivi il tuo orario, p. es. 8:30-17:00.
setup-overnight-work_hours = Gli orari oltre la mezzanotte (turni di notte) non sono ancora supportati: i promemoria restano all'interno di una giornata. Scrivi un orario che finisca dopo l'inizio, p. es. 14:00-22:00.
setup-ask-sit_interval = Dopo quanto tempo in posizione seduta devo ricordarti di alzarti e muoverti?
setup-hint-sit_interval = Tocca uno dei pulsanti, p. es. 60 min.
setup-ask-exercise_time = A che ora devo ricordarti la sessione di esercizi quotidiana?
setup-hint-exercise_time = Tocca un pulsante o scrivi un orario, p. es. 7:45.
setup-button-mf = Lun–Ven
setup-button-ms = Lun–Sab
setup-button-all = Ogni giorno
setup-button-minutes = { $minutes } min
setup-button-no-reminder = Nessun promemoria quotidiano
setup-summary =
    <b>La tua configurazione</b>
    Fuso orario: { $timezone }
    Giorni lavorativi: { $days }
    Orario di lavoro: { $start }–{ $end }
    Pausa attiva dopo: { $minutes } min
    Promemoria esercizi giornaliero: { $exercise }
setup-summary-none = nessuno
setup-button-confirm = ✅ Va bene così
setup-button-change = ✏️ Modifica
setup-choose-change = Cosa vuoi modificare?
setup-field-timezone = Fuso orario
setup-field-work_days = Giorni lavorativi
setup-field-work_hours = Orario di lavoro
setup-field-sit_interval = Intervallo delle pause attive
setup-field-exercise_time = Promemoria esercizi
setup-complete-open = Tutto pronto! I tuoi esercizi sono sbloccati. Scrivi /help quando vuoi per vedere cosa so fare.
setup-complete-locked = Tutto pronto! Finché un medico non ti avrà dato il via libera, ti ricorderò solo di alzarti e muoverti — poi invia /screen.
setup-access-granted = Grazie — gli esercizi sono sbloccati.
setup-button-not-yet = Non ancora
setup-unsupported = Qui capisco solo testo e pulsanti.
# Orario di lavoro non più lungo dell'intervallo delle pause attive: il primo promemoria arriverebbe alla fine del lavoro o dopo.
setup-short-window = Nota: il tuo orario di lavoro ({ $start }–{ $end }) non è più lungo del tuo intervallo di pausa attiva ({ $minutes } min), quindi nella tua giornata non c'è spazio per nessun promemoria. Funzionerebbe un intervallo di { $suggested } minuti, oppure un orario di lavoro più lungo.
setup-short-window-hours = Nota: il tuo orario di lavoro ({ $start }–{ $end }) non è più lungo del tuo intervallo di pausa attiva ({ $minutes } min), quindi nella tua giornata non c'è spazio per nessun promemoria. Con un orario di lavoro più lungo i promemoria avrebbero spazio.
