# /settings: giorno e ora dell'immagine del riepilogo settimanale.

settings-row-summary = Riepilogo settimanale: { $value }
settings-summary-value = { $day } alle { $time }
settings-summary-off = Disattivato
settings-summary-off-button = Disattiva
settings-button-summary = 📊 Riepilogo settimanale
settings-ask-summary = In che giorno vuoi ricevere il riepilogo settimanale? Oppure disattivalo.
settings-hint-summary = Tocca un giorno o scrivine uno, p. es. domenica.
settings-ask-summary_time = A che ora? Tocca un orario o scrivine uno, p. es. 18:30.
settings-hint-summary_time = Tocca un orario o scrivine uno, p. es. 18:30.
