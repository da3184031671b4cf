using Joules.Core.Domain.Identity;
using Joules.Core.Events;
using Joules.Core.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.TestPlugins.Notes;

/// <summary>A plugin that uses every contribution type; the plugin runtime's tests drive it.</summary>
public sealed class NotesPlugin : IJoulesPlugin
{
    public void Configure(IPluginBuilder plugin)
    {
        plugin.Services.AddScoped<NoteService>();
        plugin.AddDbContext<NotesDb>();
        plugin.AddNavEntry(new PluginNavEntry("test-notes", new("Notizen (Test)", "Notes (test)"), Roles.BackOffice));
        plugin.AddJob<HeartbeatJob>("heartbeat", "0/1 * * * * ?", new("Herzschlag", "Heartbeat"));
        plugin.AddEventHandler<CustomerCreated, NoteOnNewCustomer>();
        plugin.MapEndpoints(e => e.MapGet("/count", async (NoteService notes) => Results.Text((await notes.CountAsync()).ToString())));
        plugin.AddSettingsPage<NotesSettings>();
    }
}
