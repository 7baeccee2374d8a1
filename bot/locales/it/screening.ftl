# Controllo di sicurezza (PRODUCT.md §1). Le chiavi delle domande sono screening-q-<id> per ogni id in
# coach/data/screening.toml; le indicazioni sono screening-hint-<kind>.

screening-intro = Prima degli esercizi, alcune brevi domande di sicurezza, una alla volta. Tocca un pulsante o scrivi semplicemente la tua risposta.

screening-q-radiating = Il dolore parte dalla schiena e scende in una gamba?
screening-q-numbness = Hai intorpidimento o formicolio in una gamba o in un gluteo?
screening-q-saddle = Senti intorpidimento intorno all'inguine — la zona «a sella», quella che appoggeresti su una sella?
screening-q-weakness = Hai perso forza in una gamba o in un piede?
screening-q-both_legs = Hai questi disturbi in entrambe le gambe?
screening-q-bladder_bowel = Hai nuove difficoltà a trattenere o a espellere urina o feci — o nuovi problemi sessuali, come intorpidimento o problemi di erezione?
screening-q-systemic = Ti riguarda una di queste cose: febbre, perdita di peso senza motivo, un tumore (anche in passato), o una caduta o un incidente recente?
screening-q-medical_history = Ti riguarda una di queste cose: compresse di steroidi (cortisone) prese per lungo tempo, osteoporosi, un sistema immunitario indebolito (p. es. da farmaci o da una malattia), o l'uso di droghe per iniezione, anche una sola volta?
screening-q-pain_pattern = Il mal di schiena peggiora di notte o non migliora con il riposo — oppure hai dolore tra le scapole?
screening-q-age_onset = Hai avuto mal di schiena per la prima volta prima dei 20 anni o dopo i 55?
screening-q-pain_now = Quanto è forte il tuo mal di schiena in questo momento, da 0 (nessun dolore) a 10 (il peggiore immaginabile)?
screening-q-duration = Da quanto tempo hai questo mal di schiena?

screening-hint-yes_no = Tocca Sì o No — oppure scrivi sì / no.
screening-hint-scale = Tocca un numero o scrivine uno da 0 a 10, p. es. 3.
screening-hint-choice = Tocca uno dei pulsanti — oppure scrivi p. es. «2 settimane» o «6 mesi».

screening-button-yes = Sì
screening-button-no = No
screening-duration-lt_6w = < 6 settimane
screening-duration-6_12w = 6–12 settimane
screening-duration-gt_3m = > 3 mesi

screening-outcome-cleared = Grazie! Nessuno dei segnali d'allarme ti riguarda, quindi gli esercizi sono sbloccati.
screening-outcome-doctor = Grazie per le risposte sincere. Per favore fatti visitare da un medico prima di fare gli esercizi — quando un medico ti avrà dato il via libera, invia /screen. Nel frattempo posso comunque ricordarti di alzarti e muoverti dopo lunghi periodi in posizione seduta.
screening-outcome-urgent = Per favore, fatti visitare d'urgenza da un medico oggi stesso.

screening-note-not-chronic = Questo programma si basa su studi sul mal di schiena cronico aspecifico (che dura da più di 3 mesi). Non si possono applicare automaticamente a ogni tipo di mal di schiena, quindi potrebbero non valere per te.

safety-note = Importante: gli esercizi non dovrebbero peggiorare i tuoi sintomi. Se i sintomi peggiorano in modo significativo o ne compaiono di nuovi, fermati e chiedi un parere medico.

screening-stale = Questo pulsante non è più valido.
screening-outdated = Le domande sono cambiate, quindi ricominciamo dalla prima.
screening-needs-confirmation = Il tuo ultimo controllo ha rilevato un segnale d'allarme. Da allora un medico ti ha dato il via libera per gli esercizi?
screening-button-doctor-cleared = Ho il via libera del medico
