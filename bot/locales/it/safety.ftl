# Riproporre il controllo di sicurezza: dolore nettamente più forte che all'ultimo controllo, o una risposta che parla di nuovi sintomi.

safety-symptom = Sembra un nuovo sintomo, quindi non ho registrato nulla. Per favore interrompi gli esercizi, chiedi un parere medico e poi rifai il controllo di sicurezza.
safety-symptom-urgent = Per favore, fatti visitare d'urgenza da un medico oggi stesso.
safety-symptom-urgent-screen = Non ho registrato nulla. Dopo la visita, per favore rifai il controllo di sicurezza.
safety-button-screen = Rifai il controllo

## La pausa di sicurezza: uno stop resta valido finché un controllo di sicurezza non dà il via libera.

safety-held-pain = Gli esercizi sono in pausa: hai indicato un dolore di { $pain } (la nostra regola: da 6 in su ci si ferma). Per favore rifai il controllo di sicurezza prima dei prossimi esercizi.
safety-held-pain_rise = Gli esercizi sono in pausa: un dolore di { $pain } è chiaramente più forte che al tuo ultimo controllo di sicurezza ({ $baseline }). Per favore rifai il controllo di sicurezza prima dei prossimi esercizi.
safety-held-symptom = Gli esercizi sono in pausa perché hai segnalato un nuovo sintomo. Per favore chiedi un parere medico e poi rifai il controllo di sicurezza.
safety-held-urgent = Gli esercizi sono in pausa perché hai indicato un segnale d'allarme che richiede cure mediche urgenti. Per favore cerca aiuto medico oggi stesso e poi rifai il controllo di sicurezza.
safety-reps-not-logged = Non ho registrato queste ripetizioni.
safety-break-walk = È ora di muoversi! Alzati e cammina per due minuti.
safety-session-held = Per ora la tua sessione quotidiana è in pausa.
safety-doctor-not-yet = Allora gli esercizi restano in pausa finché un medico non ti dà il via libera. I promemoria per alzarti e muoverti continuano. Quando avrai il via libera, invia /screen.
safety-doctor-not-yet-setup = Allora gli esercizi restano in pausa finché un medico non ti dà il via libera. Posso però ricordarti di alzarti e muoverti dopo lunghi periodi in posizione seduta: impostiamolo subito. Quando avrai il via libera, invia /screen.
safety-urgent-followup = Mi hai parlato di un segnale d'allarme che richiede cure mediche urgenti. Se non l'hai ancora fatto, per favore cerca aiuto medico oggi stesso. Finché un medico non ti avrà dato il via libera, qui non ci sono esercizi.
safety-urgent-followup-setup = Quello che posso ancora fare: ricordarti di alzarti e muoverti dopo lunghi periodi in posizione seduta.
safety-urgent-followup-onboarded = I promemoria per alzarti e muoverti continuano. Quando un medico ti avrà dato il via libera, rifai il controllo di sicurezza.
safety-button-reminders = Imposta i promemoria
safety-why-walk = Capito. Anche 30 secondi contano: alzati e fai qualche passo.
