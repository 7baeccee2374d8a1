admin-title = 🛠 <b>StrongBack, vue opérateur</b>
admin-users = 👥 Utilisateurs : { $users } · configurés : { $onboarded } · actifs ces 7 derniers jours : { $active }
admin-people = 🩺 En pause de sécurité : { $hold } · rappels en pause : { $paused } · ont bloqué le bot : { $blocked }
admin-reminders = ⏰ Rappels des dernières 24 h : { $sent } envoyés · { $missed } manqués · { $parked } en attente · à envoyer maintenant : { $backlog }
admin-summaries = 📊 Résumés hebdomadaires en attente : { $parked }
admin-telegram = 🚦 Réponses 429 de Telegram depuis le démarrage de ce processus : { $count }
admin-version = ⚙️ Version { $version } · base de données : { $database }
admin-unpark-button =
    { $count ->
        [one] Réactiver { $count } rappel en attente
       *[other] Réactiver { $count } rappels en attente
    }
admin-unparked =
    { $count ->
        [one] ✅ { $count } rappel en attente réactivé.
       *[other] ✅ { $count } rappels en attente réactivés.
    }
