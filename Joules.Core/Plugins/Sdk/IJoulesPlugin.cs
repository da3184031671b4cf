namespace Joules.Core.Plugins;

/// <summary>The entry point of a plugin. A plugin assembly contains exactly one public, non-abstract class implementing
/// this interface with a public parameterless constructor; the host creates it once per activation.</summary>
/// <remarks>
/// The host calls <see cref="Configure"/> when the plugin is activated — at startup or live, when its folder appears
/// in <c>plugins-bin/</c> or an administrator uploads its package. Everything the plugin adds to the running system
/// is declared there: services, navigation entries, jobs, its database context, event handlers, public endpoints and a
/// settings page. Razor components with <c>@page</c> in the plugin assembly are routable without registration.
/// <code>
/// public sealed class NotesPlugin : IJoulesPlugin
/// {
///     public void Configure(IPluginBuilder plugin)
///     {
///         plugin.Services.AddScoped&lt;NoteService&gt;();
///         plugin.AddDbContext&lt;NotesDb&gt;();
///         plugin.AddNavEntry(new PluginNavEntry("notes", new("Notizen", "Notes"), Roles.BackOffice));
///         plugin.AddJob&lt;PurgeOldNotesJob&gt;("purge", "0 0 3 * * ?", new("Alte Notizen löschen", "Purge old notes"));
///         plugin.AddEventHandler&lt;ContractCreated, NoteOnNewContract&gt;();
///     }
/// }
/// </code></remarks>
public interface IJoulesPlugin
{
    /// <summary>Declares the plugin's contributions. Throwing here marks the plugin faulted (the host keeps running).</summary>
    void Configure(IPluginBuilder plugin);
}
