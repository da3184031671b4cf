using System.Globalization;
using Joules.Core.Data;
using Joules.Core.Events;
using Joules.Core.Messaging.Templates;
using Joules.Core.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Joules.TestPlugins.Probe;

/// <summary>A small plugin: its routable page <see cref="Probe"/>, and a notifiable event (<see cref="ProbeAlarmRaised"/>,
/// with its template key) that <c>POST /plugins/joules.test.probe/alarm</c> raises, for notification rules, and a
/// credit bureau adapter for CRIF that answers from the request alone.</summary>
public sealed class ProbePlugin : IJoulesPlugin
{
    public void Configure(IPluginBuilder plugin)
    {
        plugin.AddMessageTemplates<ProbeTemplateKeys>();
        plugin.AddCreditBureau<ProbeBureau>("crif");
        plugin.MapEndpoints(e => e.MapPost("/alarm", async (Guid brand, Guid? contract, string text, JoulesDbContext db) =>
        {
            db.Publish(new ProbeAlarmRaised(brand, contract, text));
            await db.SaveChangesAsync();
            return Results.Ok();
        }));
    }
}

/// <summary>The probe raised an alarm about a contract.</summary>
public sealed record ProbeAlarmRaised(Guid? BrandId, Guid? ContractId, string Text) : INotifiableEvent
{
    public const string Key = "joules.test.probe.alarm";

    public string TemplateKey => Key;

    public NotificationSubject Subject => new(ContractId);

    public void AddVariables(IDictionary<string, object?> model, CultureInfo culture) => model["alarm.text"] = Text;
}

/// <summary>The template key of <see cref="ProbeAlarmRaised"/>.</summary>
public sealed class ProbeTemplateKeys : IMessageTemplateKeySource
{
    public IEnumerable<MessageTemplateKey> Keys { get; } =
    [
        new MessageTemplateKey(ProbeAlarmRaised.Key, "Probe-Alarm", "Probe alarm",
            [new("alarm.text", "Alarmtext", "Alarm text", "Sonde meldet Überlast"),
             new("brand.name", "Name der Marke", "Brand name", "Stadtwerke Musterstadt"),
             new("recipient.name", "Name des Empfängers", "Recipient's name", "Erika Mustermann")],
            new Dictionary<string, BuiltInTemplate>
            {
                ["de"] = new("Probe-Alarm: {{ alarm.text }}", null, "Alarm bei {{ brand.name }}: {{ alarm.text }}\n"),
                ["en"] = new("Probe alarm: {{ alarm.text }}", null, "Alarm at {{ brand.name }}: {{ alarm.text }}\n"),
            }) { IsEvent = true },
    ];
}
