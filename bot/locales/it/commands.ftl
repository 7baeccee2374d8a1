# Il menu dei comandi (setMyCommands) e /help: una riga ciascuno, senza rimandi ad altri testi.

command-start = Inizia o continua
command-help = Cosa so fare
command-screen = Controllo di sicurezza
command-cancel = Interrompi quello che stai facendo
command-rest = Fai di oggi un giorno di riposo
command-undo = Rimuovi le ultime ripetizioni registrate
command-stats = I tuoi progressi in un grafico
command-export = Scarica i tuoi dati (CSV)
command-delete = Cancella tutti i tuoi dati
command-sit = Avvia il timer della posizione seduta
command-pause = Metti in pausa i promemoria
command-resume = Riattiva i promemoria
command-settings = Modifica le impostazioni
command-language = Cambia lingua
command-workout = Allenamento guidato
command-exercise = Fai un singolo esercizio
