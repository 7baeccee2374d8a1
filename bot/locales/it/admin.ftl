admin-title = 🛠 <b>StrongBack, vista operatore</b>
admin-users = 👥 Utenti: { $users } · configurati: { $onboarded } · attivi negli ultimi 7 giorni: { $active }
admin-people = 🩺 In pausa di sicurezza: { $hold } · promemoria in pausa: { $paused } · hanno bloccato il bot: { $blocked }
admin-reminders = ⏰ Promemoria nelle ultime 24 h: { $sent } inviati · { $missed } persi · { $parked } in attesa · da inviare ora: { $backlog }
admin-summaries = 📊 Riepiloghi settimanali in attesa: { $parked }
admin-telegram = 🚦 Risposte 429 di Telegram dall'avvio di questo processo: { $count }
admin-version = ⚙️ Versione { $version } · database: { $database }
admin-unpark-button = Riattiva { $count } promemoria in attesa
admin-unparked =
    { $count ->
        [one] ✅ { $count } promemoria in attesa riattivato.
       *[other] ✅ { $count } promemoria in attesa riattivati.
    }
