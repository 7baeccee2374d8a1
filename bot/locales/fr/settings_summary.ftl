# /settings : le jour et l'heure de l'image du résumé hebdomadaire.

settings-row-summary = Résumé hebdomadaire : { $value }
settings-summary-value = { $day } à { $time }
settings-summary-off = Désactivé
settings-summary-off-button = Désactiver
settings-button-summary = 📊 Résumé hebdo
settings-ask-summary = Quel jour veux-tu recevoir ton résumé hebdomadaire ? Ou désactive-le.
settings-hint-summary = Appuie sur un jour ou écris-en un, p. ex. dimanche.
settings-ask-summary_time = À quelle heure ? Appuie sur une heure ou écris-en une, p. ex. 18:30.
settings-hint-summary_time = Appuie sur une heure ou écris-en une, p. ex. 18:30.
