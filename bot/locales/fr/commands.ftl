# Le menu des commandes (setMyCommands) et /help : une ligne chacune, sans renvoi à d’autres textes.

command-start = Commencer ou continuer
command-help = Ce que je sais faire
command-screen = Contrôle de sécurité
command-cancel = Arrêter ce qui est en cours
command-rest = Faire d'aujourd'hui un jour de repos
command-undo = Supprimer les dernières répétitions notées
command-stats = Ta progression en image
command-export = Télécharger tes données (CSV)
command-delete = Supprimer toutes tes données
command-sit = Lancer le minuteur de position assise
command-pause = Mettre les rappels en pause
command-resume = Réactiver les rappels
command-settings = Modifier les réglages
command-language = Changer de langue
command-workout = Séance guidée
command-exercise = Pratiquer un seul exercice
