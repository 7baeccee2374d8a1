# Rappels de pause active, /sit, /pause et /resume.

reminder-text = Ça fait { $duration } que tu es en position assise — c'est le moment de faire une pause de 2 minutes pour tes fessiers.
# Depuis combien de temps quelqu'un est assis, en unités naturelles (« 45 minutes », « 1 heure et 15 minutes »).
duration-minutes = { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }
duration-hours = { $hours ->
        [one] { $hours } heure
       *[other] { $hours } heures
    }
duration-hours-minutes = { $hours ->
        [one] { $hours } heure
       *[other] { $hours } heures
    } et { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }
reminder-button-start = Lancer la pause
reminder-button-done = C'est fait
reminder-button-snooze = Dans 15 min
reminder-button-meeting = En réunion (1 h)
reminder-button-skip = Passer
reminder-break-prompt =
    <b>Lève-toi</b> et contracte tes fessiers quelques secondes, puis relâche. Répète plusieurs fois, et fais quelques pas si tu peux.
    Ton minuteur de position assise repart de zéro maintenant.
# Le rappel lui-même, une fois qu'un bouton y a répondu (l'heure est celle de l'appui).
reminder-done-at = ✅ Pause faite à { $time }
reminder-started-at = ✅ Pause commencée à { $time }
reminder-break-taken = Bravo ! Ton minuteur repart de zéro : prochain rappel après { $minutes } minutes en position assise.
reminder-snoozed = ⏰ Reporté à { $time }. Je te fais signe à ce moment-là.
reminder-meeting = Bonne réunion ! Pas de rappel avant { $time }.
reminder-skipped = ⏭ Pause sautée à { $time }. Je te redemanderai plus tard.
reminder-skipped-at = ⏭ Pause sautée à { $time }.
reminder-skipped-now = ⏭ Pause sautée. Je te redemanderai plus tard.
reminder-ask-why =
    C'est la troisième fois aujourd'hui que tu sautes la pause. Qu'est-ce qui te freine ?
    Pas le temps pour 2 minutes ? Essaie 30 secondes : lève-toi, contracte tes fessiers, rassieds-toi.
reminder-why-busy = Trop de travail
reminder-why-meetings = En réunion
reminder-why-standing = Debout aujourd'hui
reminder-why-other = Autre chose
reminder-why-thanks-busy = Compris. Quand c'est la course, la version de 30 secondes compte aussi : lève-toi, contracte, rassieds-toi.
reminder-why-thanks-meetings = Compris. Pas de rappel avant { $time } ; lève-toi pendant la prochaine pause si tu peux.
reminder-why-thanks-standing = Super, bouger, c'est justement le but. Plus de rappels pour aujourd'hui.
reminder-why-thanks-other = Merci de me l'avoir dit. La version de 30 secondes est toujours possible : lève-toi, contracte, rassieds-toi.
reminder-not-ready = Pour les rappels, j'ai d'abord besoin de tes horaires de travail et de ton fuseau horaire. Appuie sur /start pour terminer la configuration.
reminder-sit-started = Minuteur de position assise lancé. Je te fais signe à { $time } ({ $minutes } minutes).
reminder-sit-none = Minuteur de position assise lancé, mais aucun rappel ne tombe avant tes prochaines heures de travail ou la fin de la pause.
reminder-pause-ask = Mettre les rappels en pause pour combien de temps ?
reminder-pause-active = Les rappels sont en pause jusqu'au { $date } à { $time }. Pour combien de temps les mettre en pause à partir de maintenant ?
reminder-pause-hour = 1 heure
reminder-pause-today = Reste de la journée
reminder-pause-days = Plusieurs jours
reminder-pause-ask-days = Combien de jours ? Écris un nombre de 1 à 60, par exemple <b>5</b> (aujourd'hui compte comme premier jour), ou « une semaine », « 2 semaines », « jusqu'à lundi ».
reminder-pause-days-hint = Écris un nombre de jours de 1 à 60, par exemple <b>5</b>, ou « 2 semaines » ou « jusqu'à lundi ».
reminder-paused = Les rappels sont en pause jusqu'au { $date } à { $time }. /resume met fin à la pause plus tôt.
reminder-paused-days = Les rappels sont en pause jusqu'au { $date }, au début du travail. /resume met fin à la pause plus tôt.
reminder-resumed = Les rappels sont réactivés. Le prochain : { $date } à { $time }.
reminder-resumed-none = Les rappels sont réactivés. Aucun n'est prévu avant tes prochaines heures de travail.
reminder-not-paused = Les rappels ne sont pas en pause. Le prochain : { $date } à { $time }.
reminder-not-paused-none = Les rappels ne sont pas en pause. Aucun n'est prévu avant tes prochaines heures de travail.
reminder-unsupported = Ici, je ne lis que du texte.
session-reminder-text =
    Ta séance fessiers du jour est encore à faire :
    { $exercises }
    Déjà fait ? Réponds avec tes répétitions, par exemple <b>10 coquillages</b>.
session-reminder-item = • { $name } : { $amount }
session-amount-per-side = { $reps } par côté
session-amount-reps =
    { $reps ->
        [one] { $reps } répétition
       *[other] { $reps } répétitions
    }
session-button-start = Commencer la séance
