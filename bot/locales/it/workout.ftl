# Esercizi guidati (/workout, /exercise, la pausa di 2 minuti) e gli esercizi stessi.
# Gli esercizi a terra vengono solo dall'articolo «Strong bum, strong back»; gli esercizi in piedi
# della pausa alla scrivania dalle pagine dell'NHS citate nella loro sezione.
# Il semaforo del dolore e la scala di progressione sono regole nostre (secondo il modello di
# monitoraggio del dolore di Silbernagel et al. 2007), e i testi lo dicono: «la nostra regola».

## Gli esercizi

exercise-hip_raise-name = Sollevamento dell'anca
exercise-hip_raise-start = Appoggiati sugli avambracci, con entrambe le ginocchia a terra.
exercise-hip_raise-step-1 = Mettiti in appoggio sugli avambracci e tieni entrambe le ginocchia a terra.
exercise-hip_raise-step-2 = Solleva una gamba finché la coscia è parallela al pavimento.
exercise-hip_raise-step-3 = Riappoggia il ginocchio a terra. Questa è una ripetizione.
exercise-hip_raise-cue-1 = All'inizio ti sostengono gli avambracci ed entrambe le ginocchia.
exercise-hip_raise-cue-2 = Solleva finché la coscia è parallela al pavimento.
exercise-hip_raise-mistake-1 = Fermarsi troppo presto: la coscia deve arrivare parallela al pavimento.
exercise-hip_raise-stop = L'esercizio non dovrebbe peggiorare i tuoi sintomi. Se succede, fermati.
picture-hip_raise-forearms = Avambracci a terra
picture-hip_raise-thigh_parallel = Coscia parallela al pavimento

exercise-clamshell-name = Conchiglia (clamshell)
exercise-clamshell-start = Sdraiati su un fianco, con una gamba appoggiata sull'altra.
exercise-clamshell-step-1 = Sdraiati su un fianco e sovrapponi le gambe, una sull'altra.
exercise-clamshell-step-2 = Apri il ginocchio di sopra verso l'alto, come se aprissi una conchiglia.
exercise-clamshell-step-3 = Richiudi il ginocchio. Questa è una ripetizione.
exercise-clamshell-cue-1 = Inizia con le gambe sovrapposte.
exercise-clamshell-cue-2 = Apri il ginocchio di sopra verso l'alto, come una conchiglia.
exercise-clamshell-mistake-1 = Iniziare con le gambe divaricate invece che sovrapposte.
exercise-clamshell-stop = L'esercizio non dovrebbe peggiorare i tuoi sintomi. Se succede, fermati.
picture-clamshell-knees_stacked = Gambe sovrapposte
picture-clamshell-knee_opens = Il ginocchio di sopra si apre

exercise-single_leg_bridge-name = Ponte glutei su una gamba
exercise-single_leg_bridge-start = Sdraiati sulla schiena, con un piede a terra e l'altra gamba tesa verso l'alto.
exercise-single_leg_bridge-step-1 = Sdraiati sulla schiena.
exercise-single_leg_bridge-step-2 = Tieni un piede a terra e distendi l'altra gamba verso l'alto.
exercise-single_leg_bridge-step-3 = Spingi il bacino verso l'alto finché il corpo forma una linea retta.
exercise-single_leg_bridge-step-4 = Riabbassa il bacino. Questa è una ripetizione.
exercise-single_leg_bridge-cue-1 = Spingi verso l'alto finché il corpo forma una linea retta.
exercise-single_leg_bridge-cue-2 = Troppo intenso? Fai prima il ponte su due gambe, finché la versione su una gamba non riesce senza dolore.
exercise-single_leg_bridge-mistake-1 = Fermarsi prima che il corpo formi una linea retta.
exercise-single_leg_bridge-stop = L'esercizio non dovrebbe peggiorare i tuoi sintomi. Se succede, fermati.
picture-single_leg_bridge-straight_line = Linea retta
picture-single_leg_bridge-leg_up = Gamba tesa verso l'alto

exercise-bridge-name = Ponte glutei su due gambe
exercise-bridge-start = Sdraiati sulla schiena, con entrambi i piedi a terra.
exercise-bridge-step-1 = Sdraiati sulla schiena e appoggia entrambi i piedi a terra.
exercise-bridge-step-2 = Spingi il bacino verso l'alto finché il corpo forma una linea retta.
exercise-bridge-step-3 = Riabbassa il bacino. Questa è una ripetizione.
exercise-bridge-cue-1 = Spingi verso l'alto finché il corpo forma una linea retta.
exercise-bridge-cue-2 = La nostra regola: dopo 3 sessioni senza dolore con questo esercizio, tocca al ponte su una gamba.
exercise-bridge-mistake-1 = Fermarsi prima che il corpo formi una linea retta.
exercise-bridge-stop = L'esercizio non dovrebbe peggiorare i tuoi sintomi. Se succede, fermati.
picture-bridge-straight_line = Linea retta
picture-bridge-feet_flat = Entrambi i piedi a terra

## La pausa alla scrivania («Inizia la pausa» nel promemoria): in piedi, senza andare a terra. Fonti:
## NHS «Why we should sit less», NHS «Strength exercises» (alzarsi dalla sedia, mini squat,
## sollevamento laterale della gamba), NHS OPAL «Standing hip extension» (vedi docs/FEATURES.md).

exercise-desk_walk-name = Alzati e cammina
exercise-desk_walk-start = Alzati dalla sedia.
exercise-desk_walk-step-1 = Cammina con calma: fino alla finestra, al distributore d'acqua o alla scrivania di un collega.
exercise-desk_walk-step-2 = Poi torna alla tua scrivania.
exercise-desk_walk-stop = Gli esercizi non dovrebbero peggiorare i tuoi sintomi. Se succede, fermati.

exercise-desk_squat-name = Mini squat
exercise-desk_squat-start = Stai in piedi con i piedi alla larghezza delle anche, le mani appoggiate sulla scrivania.
exercise-desk_squat-step-1 = Piega lentamente le ginocchia fin dove è comodo, ginocchia rivolte in avanti, schiena dritta.
exercise-desk_squat-step-2 = Torna in piedi contraendo i glutei.
exercise-desk_squat-stop = L'esercizio non dovrebbe peggiorare i tuoi sintomi. Se succede, fermati.
picture-desk_squat-squeeze = Contrai i glutei

exercise-desk_hip_extension-name = Estensione dell'anca in piedi
exercise-desk_hip_extension-start = Mettiti davanti alla scrivania e tieniti al bordo; anche, ginocchia e piedi rivolti in avanti.
exercise-desk_hip_extension-step-1 = Tieni tutta la gamba tesa e portala indietro. Mantieni per 2 secondi.
exercise-desk_hip_extension-step-2 = Riporta lentamente il piede alla posizione di partenza. Dopo 5 ripetizioni, cambia gamba.
exercise-desk_hip_extension-stop = L'esercizio non dovrebbe peggiorare i tuoi sintomi. Se succede, fermati.
picture-desk_hip_extension-leg_back = Gamba tesa indietro

exercise-desk_side_leg-name = Sollevamento laterale della gamba
exercise-desk_side_leg-start = Raddrizza la schiena e appoggia una mano sulla scrivania.
exercise-desk_side_leg-step-1 = Solleva una gamba di lato fin dove è comodo, schiena e anche dritte; non inclinarti.
exercise-desk_side_leg-step-2 = Riabbassala lentamente. Dopo 5 ripetizioni, cambia gamba.
exercise-desk_side_leg-stop = L'esercizio non dovrebbe peggiorare i tuoi sintomi. Se succede, fermati.
picture-desk_side_leg-leg_side = Gamba di lato

exercise-desk_sit_stand-name = Alzarsi dalla sedia
exercise-desk_sit_stand-start = Siediti sulla parte anteriore della sedia, con i piedi alla larghezza delle anche. Usa una sedia che non possa rotolare via.
exercise-desk_sit_stand-step-1 = Inclinati leggermente in avanti e alzati lentamente, con la forza delle gambe, non delle braccia.
exercise-desk_sit_stand-step-2 = Raddrizzati del tutto, poi risiediti lentamente, prima il sedere.
exercise-desk_sit_stand-stop = L'esercizio non dovrebbe peggiorare i tuoi sintomi. Se succede, fermati.
picture-desk_sit_stand-chair = Una sedia che non rotola

desk-step =
    <b>{ $name }</b> ({ $number }/{ $total }): <b>{ $amount }</b>
    { $start }
    { $steps }
desk-amount-seconds = { $seconds } secondi
desk-amount-reps = { $reps ->
        [one] una volta
       *[other] { $reps } volte
    }
desk-amount-per-side = { $reps } per lato
desk-summary = Il timer della posizione seduta riparte da zero adesso.

## Lo svolgimento

workout-intro =
    <b>{ $name }</b> ({ $number }/{ $total })
    Posizione di partenza: { $start }
    { $stop }
workout-step = Passo { $n } di { $steps }: { $text }
workout-reps-left =
    { $reps ->
        [one] Ora fai <b>{ $reps } ripetizione sul lato sinistro</b>.
       *[other] Ora fai <b>{ $reps } ripetizioni sul lato sinistro</b>.
    }
workout-reps-right =
    { $reps ->
        [one] Ora il <b>lato destro: { $reps } ripetizione</b>.
       *[other] Ora il <b>lato destro: { $reps } ripetizioni</b>.
    }
workout-reps-both =
    { $reps ->
        [one] Ora fai <b>{ $reps } ripetizione</b>.
       *[other] Ora fai <b>{ $reps } ripetizioni</b>.
    }
workout-tips =
    Consigli:
    { $cues }
    Da evitare:
    { $mistakes }
workout-reps-fewer = Ne hai fatte meno? Tocca il numero o scrivilo.
workout-button-next = Avanti ▶
workout-button-hurts = Mi fa male
workout-button-continue = Continua ▶
workout-button-finish = Basta per oggi
workout-button-done = ✅ Fatto – { $reps }
workout-button-number = { $n }
workout-button-skip = Salta questo esercizio
workout-button-regression = Prova: { $name }
workout-button-new-symptom = Nuovo sintomo (dolore alla gamba, intorpidimento…)
workout-ask-pain = Per ora interrompi l'esercizio «{ $name }». Quanto è forte il dolore in questo momento, da 0 (nessuno) a 10 (il peggiore)? Se noti qualcosa di nuovo, come dolore alla gamba o intorpidimento, tocca il pulsante qui sotto.
workout-light-green = Dolore { $pain }: va bene (la nostra regola: 0–3).
workout-light-amber = Dolore { $pain }: accettabile (la nostra regola: 4–5) se entro domani si è calmato; altrimenti vacci più piano.
workout-light-red = Dolore { $pain }: è troppo (la nostra regola: da 6 in su ci si ferma).
workout-offer-regression = Puoi continuare con la variante più facile «{ $name }» oppure andare avanti senza questo esercizio.
workout-offer-skip = Tocca qui sotto per andare avanti senza questo esercizio.
workout-offer-continue-skip = Puoi riprendere da dove avevi interrotto oppure andare avanti senza questo esercizio.
workout-offer-continue = Puoi riprendere da dove avevi interrotto, passare alla variante più facile «{ $name }» oppure andare avanti senza questo esercizio.
workout-stop-note = Gli esercizi non dovrebbero peggiorare i sintomi. Se i tuoi sintomi peggiorano in modo significativo o ne compaiono di nuovi, fermati e chiedi un parere medico.
workout-stop-screen = Per favore rifai il controllo di sicurezza con /screen.
workout-stop-pain =
    Per oggi la sessione finisce qui.
    Gli esercizi non dovrebbero peggiorare i sintomi. Se i tuoi sintomi peggiorano in modo significativo o ne compaiono di nuovi, fermati e chiedi un parere medico.
    Per favore rifai il controllo di sicurezza con /screen.
workout-stop-new_symptom =
    Per via del nuovo sintomo, per oggi la sessione finisce qui.
    Se i tuoi sintomi peggiorano in modo significativo o ne compaiono di nuovi, fermati e chiedi un parere medico.
    Per favore rifai il controllo di sicurezza con /screen.
workout-ask-final-pain = Ottimo lavoro! Come sta la tua schiena adesso, da 0 (nessun dolore) a 10 (il peggiore)?
workout-summary = <b>Sessione completata!</b>
workout-summary-break = <b>Pausa completata — ottimo lavoro!</b>
workout-summary-ended = <b>Finito per oggi.</b> { $done } { $done ->
        [one] esercizio registrato
       *[other] esercizi registrati
    } su { $total }.
workout-summary-set-left = { $reps } a sinistra
workout-summary-set-right = { $reps } a destra
workout-summary-set-both = { $reps }
workout-summary-skipped = Esercizi saltati: { $names }
workout-summary-total =
    { $reps ->
        [one] { $reps } ripetizione in totale.
       *[other] { $reps } ripetizioni in totale.
    }
workout-choose-exercise = Quale esercizio vuoi fare?
workout-hint-reps = Scrivi quante ripetizioni hai fatto, p. es. 8 (o 10/10 per sinistra/destra), oppure tocca un pulsante qui sopra. Per finire per oggi, scrivi «stop».
workout-hint-reps-range = Non può essere una sola serie: scrivi da 1 a 200 ripetizioni, p. es. 8 o 10/10.
workout-hint-pain = Tocca un numero o scrivine uno da 0 a 10, p. es. 3.
workout-hint-steps = Tocca un pulsante qui sopra, oppure scrivi «avanti» per continuare o «stop» per finire per oggi.
workout-hint-buttons = Tocca un pulsante qui sopra, oppure scrivi «stop» per finire per oggi.
workout-hint-unsupported = Qui capisco solo testo e pulsanti.
workout-refused-not_screened = Gli esercizi vengono dopo un breve controllo di sicurezza. Invia /screen per iniziarlo.
workout-refused-urgent = Il tuo controllo di sicurezza ha rilevato un segnale d'allarme che richiede cure mediche urgenti, quindi non posso darti esercizi. Quando un medico ti avrà dato il via libera, invia /screen.
workout-refused-see_doctor = Il tuo controllo di sicurezza ha rilevato un segnale d'allarme: per favore fatti visitare da un medico prima di fare gli esercizi. Quando un medico ti avrà dato il via libera, invia /screen.
workout-refused-needs_doctor_confirmation = Il tuo ultimo controllo di sicurezza ha rilevato un segnale d'allarme. Quando un medico ti avrà dato il via libera, invia /screen e confermalo.

## La scala di progressione

ladder-start-base =
    Oggi: sollevamenti dell'anca, conchiglie e ponte glutei su due gambe. La nostra regola: ancora { $remaining ->
        [one] una sessione senza dolore
       *[other] { $remaining } sessioni senza dolore
    } (dolore 0–3), poi si sblocca il ponte su una gamba.
ladder-start-progressed = Oggi: sollevamenti dell'anca, conchiglie e ponti su una gamba.
ladder-need_n_more_pain_free =
    La nostra regola: ancora { $remaining ->
        [one] una sessione senza dolore
       *[other] { $remaining } sessioni senza dolore
    } (dolore 0–3) con il ponte su due gambe, poi si sblocca il ponte su una gamba.
ladder-unlocked_single_leg_bridge = Era la tua terza sessione senza dolore con il ponte su due gambe: il ponte su una gamba è sbloccato per il prossimo allenamento! (La nostra regola: 3 sessioni senza dolore lo sbloccano.)
ladder-keep_progressed = Continui con il ponte su una gamba.
ladder-stepped_down_after_pain = Questa sessione ha fatto male (dolore 6 o più, o un nuovo sintomo). La nostra regola: si torna al ponte su due gambe finché non avrai di nuovo fatto 3 sessioni senza dolore.
ladder-restarted_after_pain =
    Questa sessione ha fatto male (dolore 6 o più, o un nuovo sintomo). La nostra regola: il conteggio delle sessioni senza dolore riparte da zero – { $remaining ->
        [one] ne manca { $remaining }
       *[other] ne mancano { $remaining }
    }.
