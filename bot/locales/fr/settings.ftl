# /settings et /language : le profil, un bouton par valeur, et le changement de langue.

settings-title = <b>Tes réglages</b>
settings-row-timezone = Fuseau horaire : { $value }
settings-row-work_days = Jours de travail : { $value }
settings-row-work_hours = Horaires de travail : { $value }
settings-row-sit_interval = Pause active après : { $value } min
settings-row-exercise_time = Rappel d'exercices quotidien : { $value }
settings-row-goal = Objectif : une séance complète { $value }
settings-row-language = Langue : { $value }
settings-footer = Appuie sur une valeur pour la modifier.
settings-not-set = non défini
settings-goal-value =
    { $days ->
        [7] tous les jours
        [1] 1 jour par semaine
       *[other] { $days } jours par semaine
    }

settings-button-timezone = 🌍 Fuseau horaire
settings-button-work_days = 📅 Jours de travail
settings-button-work_hours = 🕘 Horaires
settings-button-sit_interval = 🪑 Pause active
settings-button-exercise_time = ⏰ Rappel d'exercices
settings-button-goal = 🎯 Objectif
settings-button-language = 🗣 Langue
settings-button-done = ✅ Terminé
settings-button-back = ← Retour

settings-ask-goal = À quelle fréquence veux-tu faire une séance d'exercices complète ?
settings-hint-goal = Appuie sur un bouton ou écris un nombre de jours par semaine, de 1 à 7, p. ex. 5.
settings-goal-button =
    { $days ->
        [7] Tous les jours
        [1] 1 jour par semaine
       *[other] { $days } jours par semaine
    }
settings-ask-language = Quelle langue dois-je parler ?
settings-hint-language = Appuie sur un bouton ou écris le nom d'une langue : { $languages }.
settings-closed = C'est enregistré. Envoie /settings à tout moment pour modifier quelque chose.

language-ask = Quelle langue dois-je parler ?
language-set = D'accord, à partir de maintenant je parle français.

zone-unknown = Je ne connais plus ton fuseau horaire, donc pour l'instant je compte tes jours et tes heures en UTC. Choisis à nouveau ta ville, s'il te plaît : /settings → 🌍 Fuseau horaire.
