namespace Joules.Plugins.Newsletter.Demo;

/// <summary>The two sent demo campaigns of Stadtwerke Sonnental: subject, preheader and HTML (header, text, a main
/// call-to-action first, further links, social links, unsubscribe and preference links in the footer).</summary>
internal static class DemoCampaignContent
{
    public const string Site = "https://www.stadtwerke-sonnental.de";

    public static readonly string[] Social =
    [
        "https://www.instagram.com/stadtwerke.sonnental",
        "https://www.facebook.com/stadtwerke.sonnental",
        "https://www.youtube.com/@stadtwerke-sonnental",
    ];

    public sealed record Content(string Name, string Subject, string Preheader, string Html, double[] LinkWeights);

    public static Content Spring { get; } = new(
        "Frühlings-Spartipps",
        "{{ subscriber.first_name | default: \"Hallo\" }}, 7 Frühlings-Tipps für eine kleinere Stromrechnung",
        "Heizung runter, Fenster auf, Geräte aus: So sparen Sie im Frühjahr Energie.",
        Layout("Frühlings-Spartipps", """
            <p style="margin:0 0 12px">Hallo {{ subscriber.first_name | default: "liebe Leserin, lieber Leser" }},</p>
            <p style="margin:0 0 12px">die Tage werden länger, die Heizung darf öfter ruhen. Mit ein paar Handgriffen sparen Sie jetzt spürbar Energie:</p>
            <ul style="margin:0 0 16px; padding-left:20px; line-height:1.6">
              <li>Heizkörper entlüften und die Vorlauftemperatur senken</li>
              <li>Stoßlüften statt Fenster auf Kipp</li>
              <li>Standby-Verbraucher mit einer schaltbaren Steckerleiste trennen</li>
              <li>Wäsche an der frischen Luft trocknen statt im Trockner</li>
              <li>Kühlschrank auf 7 °C stellen, Gefrierfach abtauen</li>
            </ul>
            <p style="margin:0 0 20px; text-align:center">
              <a href="https://www.stadtwerke-sonnental.de/energiesparen/fruehling" style="background:#1E6B52; color:#ffffff; padding:12px 22px; border-radius:4px; text-decoration:none; font-weight:bold">Alle Spartipps lesen</a>
            </p>
            <p style="margin:0 0 12px">Wie viel Sie mit einem anderen Tarif sparen, zeigt unser <a href="https://www.stadtwerke-sonnental.de/rechner" style="color:#1E6B52">Tarifrechner</a>.
              Fragen zu Abschlag und Zählerstand beantworten wir in unseren <a href="https://www.stadtwerke-sonnental.de/faq" style="color:#1E6B52">häufigen Fragen</a>.</p>
            """),
        [0.58, 0.2, 0.12, 0.04, 0.03, 0.03]);

    public static Content HeatPump { get; } = new(
        "Jetzt Wärmepumpentarif sichern",
        "Neu: Unser Wärmepumpentarif – günstiger heizen mit Strom aus der Region",
        "Bis zu 25 % günstiger als der Haushaltsstrom – jetzt Preis berechnen.",
        Layout("Der neue Wärmepumpentarif", """
            <p style="margin:0 0 12px">Hallo {{ subscriber.first_name | default: "liebe Leserin, lieber Leser" }},</p>
            <p style="margin:0 0 12px">Sie heizen mit einer Wärmepumpe oder planen eine? Mit <b>Sonnental Wärme</b> bekommen Sie Strom aus
              regionalen Wasser- und Solaranlagen zu einem Arbeitspreis, der deutlich unter dem Haushaltsstrom liegt – mit Preisgarantie bis Ende 2027.</p>
            <p style="margin:0 0 20px; text-align:center">
              <a href="https://www.stadtwerke-sonnental.de/tarife/waermepumpe" style="background:#1E6B52; color:#ffffff; padding:12px 22px; border-radius:4px; text-decoration:none; font-weight:bold">Jetzt Wärmepumpentarif sichern</a>
            </p>
            <p style="margin:0 0 12px">Was der Tarif an Ihrer Adresse kostet, rechnet unser <a href="https://www.stadtwerke-sonnental.de/rechner?tarif=waermepumpe" style="color:#1E6B52">Tarifrechner</a>
              in einer Minute aus. Ob Ihr Zähler geeignet ist und was ein zweiter Zähler kostet, steht in den
              <a href="https://www.stadtwerke-sonnental.de/faq/waermepumpe" style="color:#1E6B52">Fragen und Antworten zum Wärmepumpentarif</a>.</p>
            """),
        [0.6, 0.2, 0.11, 0.04, 0.03, 0.02]);


    private static string Layout(string headline, string body) => $$$"""
        <!DOCTYPE html>
        <html lang="de">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{{headline}}}</title></head>
        <body style="margin:0; padding:0; background:#eef3f1; font-family:Arial, Helvetica, sans-serif; color:#1f2a26">
          <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#eef3f1"><tr><td align="center" style="padding:16px 8px">
            <table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px; width:100%; background:#ffffff; border-radius:6px; overflow:hidden">
              <tr><td style="background:#1E6B52; padding:18px 24px; color:#ffffff">
                <div style="font-size:13px; letter-spacing:1px; text-transform:uppercase; opacity:0.85">Stadtwerke Sonnental</div>
                <div style="font-size:24px; font-weight:bold; margin-top:4px">{{{headline}}}</div>
              </td></tr>
              <tr><td style="padding:24px; font-size:15px; line-height:1.5">
        {{{body}}}
              </td></tr>
              <tr><td style="padding:16px 24px; background:#f6f8f7; text-align:center; font-size:13px">
                <a href="{{{Social[0]}}}" style="color:#1E6B52; margin:0 8px">Instagram</a>
                <a href="{{{Social[1]}}}" style="color:#1E6B52; margin:0 8px">Facebook</a>
                <a href="{{{Social[2]}}}" style="color:#1E6B52; margin:0 8px">YouTube</a>
              </td></tr>
              <tr><td style="padding:16px 24px; font-size:12px; color:#5b6b65; line-height:1.5">
                Sie erhalten diese Mail, weil Sie den Newsletter der Stadtwerke Sonnental abonniert haben.
                <a href="{{ unsubscribe_url }}" style="color:#5b6b65">Abmelden</a> · <a href="{{ preferences_url }}" style="color:#5b6b65">Einstellungen ändern</a>
              </td></tr>
            </table>
          </td></tr></table>
        </body>
        </html>
        """;
}
