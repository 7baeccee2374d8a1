# Testi generali: saluto, aiuto, risposte a ciò che non capisco ed errori.

start-welcome =
    Ciao { $name }! Sono <b>StrongBack</b>, il tuo coach contro il mal di schiena causato dallo stare seduti.
    Stare seduti a lungo indebolisce i glutei, e glutei deboli affaticano di più la parte bassa della schiena. Glutei forti stabilizzano anca e bacino, così la schiena può rilassarsi.
start-welcome-back = Eccoti di nuovo, { $name }! Cosa vuoi fare?
start-rescreen-due =
    Eccoti di nuovo, { $name }! Il tuo ultimo controllo di sicurezza risale a 4 settimane fa o più. I sintomi possono cambiare: per favore rispondi di nuovo alle domande prima di allenarti.
button-rescreen = Rifai il controllo
button-begin = Iniziamo
button-how-it-works = Come funziona
help-text =
    <b>StrongBack</b> ti aiuta a uscire dalla spirale stare seduti → glutei deboli → mal di schiena.
    { $commands }
    Puoi sempre scrivere invece di toccare i pulsanti, e indicare le ripetizioni con parole tue, p. es. «12 conchiglie» o «8 sx 10 dx».
help-command = /{ $command } – { $description }
unknown-command = Non conosco questo comando. Prova /help per vedere cosa so fare.
unsupported-message = Capisco solo testo e pulsanti. Scrivi una parola o prova /help.
text-without-context = Non ho capito bene cosa intendi. Prova /help per vedere cosa so fare.
button-expired = Questo pulsante non è più valido.
error-apology = Scusa, qualcosa è andato storto da parte mia. Riprova tra un attimo, per favore.
cancel-nothing = Al momento non c'è niente da annullare.
cancel-setup = Configurazione interrotta. Le risposte date finora restano salvate; invia /start per continuare.
cancel-screening = Controllo di sicurezza interrotto. Non è stato salvato nulla; invia /start per ricominciarlo.
cancel-settings = Annullato. Le tue impostazioni non sono cambiate.
cancel-pause = Annullato. I tuoi promemoria continuano come prima.
cancel-delete = Annullato. Non è stato cancellato nulla.
cancel-reps = Annullato. Non è stato registrato nulla.
cancel-other = Annullato.
private-only = Seguo una persona alla volta, in una chat privata, così i tuoi dati sulla salute restano tra noi. Tocca qui sotto per scrivermi lì.
private-only-button = Apri una chat privata
private-only-toast = Parliamo in privato: funziono solo in una chat a due.
