# Configuration après le contrôle de sécurité : questions du profil et récapitulatif.

setup-ask-timezone = Dans quelle ville es-tu ? J'en ai besoin pour connaître ton heure locale. Écris le nom de la ville ou partage ta position.
setup-hint-timezone = Écris le nom d'une ville, p. ex. Lausanne, ou partage ta position.
setup-no-match-timezone = Je n'ai pas trouvé ce lieu. Essaie une ville plus grande à proximité, p. ex. Genève ou Paris.
setup-choose-timezone = Tu voulais dire l'un de ces lieux ? Appuie dessus ou écris à nouveau la ville.
setup-timezone-set = Fuseau horaire enregistré : { $zone } ({ $place }).
setup-button-location = 📍 Partager ma position
setup-ask-work_days = Quels jours travailles-tu au bureau ?
setup-hint-work_days = Appuie sur un bouton ou écris tes jours, p. ex. lun, mar, jeu.
setup-ask-work_hours = Quels sont tes horaires de travail habituels ?
setup-hint-work_hours = Appuie sur un bouton ou écris tes horaires, p. ex. 8:30-17:00.
setup-overnight-work_hours = Les horaires qui passent minuit (travail de nuit) ne sont pas encore pris en charge : les rappels se font à l'intérieur d'une même journée. Écris des horaires qui finissent après leur début, p. ex. 14:00-22:00.
setup-ask-sit_interval = Après combien de temps en position assise dois-je te rappeler de te lever et de bouger ?
setup-hint-sit_interval = Appuie sur l'un des boutons, p. ex. 60 min.
setup-ask-exercise_time = À quelle heure dois-je te rappeler ta séance d'exercices quotidienne ?
setup-hint-exercise_time = Appuie sur un bouton ou écris une heure, p. ex. 7:45.
setup-button-mf = Lun–Ven
setup-button-ms = Lun–Sam
setup-button-all = Tous les jours
setup-button-minutes = { $minutes } min
setup-button-no-reminder = Pas de rappel quotidien
setup-summary =
    <b>Ta configuration</b>
    Fuseau horaire : { $timezone }
    Jours de travail : { $days }
    Horaires de travail : { $start }–{ $end }
    Pause active après : { $minutes } min
    Rappel d'exercices quotidien : { $exercise }
setup-summary-none = aucun
setup-button-confirm = ✅ C'est bon
setup-button-change = ✏️ Modifier
setup-choose-change = Que veux-tu modifier ?
setup-field-timezone = Fuseau horaire
setup-field-work_days = Jours de travail
setup-field-work_hours = Horaires de travail
setup-field-sit_interval = Intervalle des pauses actives
setup-field-exercise_time = Rappel d'exercices
setup-complete-open = Tout est prêt ! Tes exercices sont débloqués. Écris /help à tout moment pour voir ce que je sais faire.
setup-complete-locked = Tout est prêt ! Je m'en tiens aux rappels pour te lever et bouger jusqu'à ce qu'un médecin te donne le feu vert — ensuite, envoie /screen.
setup-access-granted = Merci — les exercices sont débloqués.
setup-button-not-yet = Pas encore
setup-unsupported = Ici, je ne comprends que le texte et les boutons.
# Horaires de travail pas plus longs que l'intervalle des pauses actives : le premier rappel tomberait à la fin du travail ou après.
setup-short-window = Petite remarque : tes horaires de travail ({ $start }–{ $end }) ne sont pas plus longs que ton intervalle de pause active ({ $minutes } min), donc aucun rappel ne trouve de place dans ta journée. Un intervalle de { $suggested } minutes fonctionnerait, ou des horaires de travail plus longs.
setup-short-window-hours = Petite remarque : tes horaires de travail ({ $start }–{ $end }) ne sont pas plus longs que ton intervalle de pause active ({ $minutes } min), donc aucun rappel ne trouve de place dans ta journée. Des horaires de travail plus longs laisseraient de la place aux rappels.
