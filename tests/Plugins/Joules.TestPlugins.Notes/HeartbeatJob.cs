using Quartz;

namespace Joules.TestPlugins.Notes;

/// <summary>Writes a note every run, so tests can see that the plugin's job fires.</summary>
public sealed class HeartbeatJob(NoteService notes) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await notes.AddAsync("heartbeat", "job");
        context.Result = "Notiz geschrieben";
    }
}
