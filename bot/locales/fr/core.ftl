# Textes généraux : accueil, aide, réponses à ce qui n'est pas compris et erreurs.

start-welcome =
    Salut { $name } ! Je suis <b>StrongBack</b>, ton coach contre le mal de dos dû à la position assise.
    La position assise prolongée affaiblit tes fessiers, et des fessiers faibles sollicitent davantage le bas de ton dos. Des fessiers forts stabilisent tes hanches et ton bassin : ton dos peut se détendre.
start-welcome-back = Bon retour, { $name } ! Que veux-tu faire ?
start-rescreen-due =
    Bon retour, { $name } ! Ton dernier contrôle de sécurité date d'il y a 4 semaines ou plus. Les symptômes peuvent changer : réponds encore une fois aux questions avant de t'entraîner, s'il te plaît.
button-rescreen = Refaire le contrôle
button-begin = C'est parti
button-how-it-works = Comment ça marche
help-text =
    <b>StrongBack</b> t'aide à sortir de la spirale position assise → fessiers faibles → mal de dos.
    { $commands }
    Tu peux toujours écrire au lieu d'appuyer sur les boutons, et indiquer tes répétitions avec tes propres mots, p. ex. « 12 coquillages » ou « 8 G 10 D ».
help-command = /{ $command } – { $description }
unknown-command = Je ne connais pas cette commande. Essaie /help pour voir ce que je sais faire.
unsupported-message = Je ne comprends que le texte et les boutons. Écris un mot ou essaie /help.
text-without-context = Je ne vois pas bien ce que tu veux dire. Essaie /help pour voir ce que je sais faire.
button-expired = Ce bouton n'est plus valable.
error-apology = Désolé, quelque chose n'a pas marché de mon côté. Réessaie dans un instant, s'il te plaît.
cancel-nothing = Il n'y a rien à annuler pour le moment.
cancel-setup = Configuration interrompue. Les réponses déjà données sont conservées ; envoie /start pour continuer.
cancel-screening = Contrôle de sécurité interrompu. Rien n'a été enregistré ; envoie /start pour le recommencer.
cancel-settings = Annulé. Tes réglages n'ont pas changé.
cancel-pause = Annulé. Tes rappels continuent comme avant.
cancel-delete = Annulé. Rien n'a été supprimé.
cancel-reps = Annulé. Rien n'a été noté.
cancel-other = Annulé.
private-only = Je coache une personne à la fois, dans un chat privé, pour que tes données de santé restent entre nous. Appuie ci-dessous pour m'écrire là-bas.
private-only-button = Ouvrir un chat privé
private-only-toast = Parlons en privé : je ne fonctionne qu'en tête-à-tête.
