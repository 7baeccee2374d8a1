# /settings e /language: il profilo, un pulsante per ogni valore, e il cambio di lingua.

settings-title = <b>Le tue impostazioni</b>
settings-row-timezone = Fuso orario: { $value }
settings-row-work_days = Giorni lavorativi: { $value }
settings-row-work_hours = Orario di lavoro: { $value }
settings-row-sit_interval = Pausa attiva dopo: { $value } min
settings-row-exercise_time = Promemoria esercizi giornaliero: { $value }
settings-row-goal = Obiettivo: una sessione completa { $value }
settings-row-language = Lingua: { $value }
settings-footer = Tocca un valore per modificarlo.
settings-not-set = non impostato
settings-goal-value =
    { $days ->
        [7] ogni giorno
        [1] 1 giorno alla settimana
       *[other] { $days } giorni alla settimana
    }

settings-button-timezone = 🌍 Fuso orario
settings-button-work_days = 📅 Giorni lavorativi
settings-button-work_hours = 🕘 Orario di lavoro
settings-button-sit_interval = 🪑 Pausa attiva
settings-button-exercise_time = ⏰ Promemoria esercizi
settings-button-goal = 🎯 Obiettivo
settings-button-language = 🗣 Lingua
settings-button-done = ✅ Fatto
settings-button-back = ← Indietro

settings-ask-goal = Quanto spesso vuoi fare una sessione completa di esercizi?
settings-hint-goal = Tocca un pulsante o scrivi un numero di giorni alla settimana, da 1 a 7, p. es. 5.
settings-goal-button =
    { $days ->
        [7] Ogni giorno
        [1] 1 giorno alla settimana
       *[other] { $days } giorni alla settimana
    }
settings-ask-language = In che lingua devo parlare?
settings-hint-language = Tocca un pulsante o scrivi il nome di una lingua: { $languages }.
settings-closed = Salvato. Invia /settings quando vuoi per cambiare qualcosa.

language-ask = In che lingua devo parlare?
language-set = Va bene, d'ora in poi parlo italiano.

zone-unknown = Non conosco più il tuo fuso orario, quindi per ora conto i tuoi giorni e orari in UTC. Per favore scegli di nuovo la tua città: /settings → 🌍 Fuso orario.
