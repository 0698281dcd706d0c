using System.Text.Json;

namespace ComplaintFlow.Hosting.Tests;

[Collection(SharedHostCollection.Name)]
public sealed class TimerTriggerTests(SharedHostFixture fixture)
{
    [Fact]
    public async Task Timer_fires_on_its_six_field_schedule_read_from_an_app_setting_with_TimerInfo_as_the_host_sends_it()
    {
        // TestWorker:Schedule is "*/1 * * * * *" (every second), referred to as %TestWorker:Schedule%.
        var ticks = await fixture.Worker.WaitForAsync("tick", r => r.Count >= 2, TimeSpan.FromSeconds(15));

        using var timerInfo = JsonDocument.Parse(ticks[0].Message);
        Assert.False(timerInfo.RootElement.GetProperty("IsPastDue").GetBoolean());
        Assert.True(timerInfo.RootElement.GetProperty("Next").GetDateTime() > DateTime.UtcNow.AddMinutes(-1));
    }
}
