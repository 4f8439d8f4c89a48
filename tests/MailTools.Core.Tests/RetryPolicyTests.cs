using System;
using System.Collections.Generic;
using System.Threading;
using MailTools.Core.Errors;
using MailTools.Core.Sessions;
using Xunit;

namespace MailTools.Core.Tests
{
    public class RetryPolicyTests
    {
        static readonly ServerEndpoint Where = new ServerEndpoint("outlook.office365.com", 993, MailProtocol.Imap, "admin@contoso.com", 30);

        static ThrottleSignal Throttled(int? ms) =>
            new ThrottleSignal(ThrottleKind.Throttled, ms.HasValue ? TimeSpan.FromMilliseconds(ms.Value) : (TimeSpan?)null, "Request is throttled.", false);

        static RetryPolicy Policy(int totalSeconds, List<TimeSpan> slept, int maxSingleSeconds = 60) =>
            new RetryPolicy(TimeSpan.FromSeconds(totalSeconds), TimeSpan.FromSeconds(maxSingleSeconds), TimeSpan.FromSeconds(2), (d, t) => slept.Add(d));

        [Fact]
        public void Waits_what_the_server_suggests()
        {
            var slept = new List<TimeSpan>();
            var p = Policy(300, slept);
            var d = p.NextDelay(Throttled(1500));
            Assert.Equal(TimeSpan.FromMilliseconds(1500), d);
            p.Wait(d.GetValueOrDefault(), CancellationToken.None);   // d is 1500 ms, asserted above
            Assert.Equal(new[] { TimeSpan.FromMilliseconds(1500) }, slept);
            Assert.Equal(1, p.Waits);
        }

        [Fact]
        public void A_huge_suggestion_is_capped()
        {
            var p = Policy(3600, new List<TimeSpan>(), maxSingleSeconds: 60);
            Assert.Equal(TimeSpan.FromSeconds(60), p.NextDelay(Throttled(10_000_000)));
        }

        [Fact]
        public void Without_a_suggestion_the_wait_doubles_and_progress_starts_it_again()
        {
            var p = Policy(300, new List<TimeSpan>());
            Assert.Equal(TimeSpan.FromSeconds(2), p.NextDelay(Throttled(null)));
            Assert.Equal(TimeSpan.FromSeconds(4), p.NextDelay(Throttled(null)));
            Assert.Equal(TimeSpan.FromSeconds(8), p.NextDelay(Throttled(null)));
            p.Progressed();
            Assert.Equal(TimeSpan.FromSeconds(2), p.NextDelay(Throttled(null)));
        }

        [Fact]
        public void Gives_up_when_the_wait_without_progress_would_pass_the_limit()
        {
            var slept = new List<TimeSpan>();
            var p = Policy(10, slept);
            int waits = 0;
            TimeSpan? d;
            while ((d = p.NextDelay(Throttled(3000))) != null)
            {
                p.Wait(d.GetValueOrDefault(), CancellationToken.None);   // d is 1500 ms, asserted above
                waits++;
                Assert.True(waits < 100);
            }
            Assert.Equal(3, waits);   // 3 x 3 s = 9 s; a fourth would make 12 s > 10 s
            var e = ThrottleErrors.GaveUp(Throttled(3000), Where, p, null);
            Assert.Equal(ErrorIds.ServerThrottled, e.ErrorId);
            Assert.True(e.Final);
            Assert.Contains("admin@contoso.com", e.Message);
            Assert.Contains("-MaxWaitSeconds", e.Message);
        }

        [Fact]
        public void Progress_restores_the_budget()
        {
            var p = Policy(5, new List<TimeSpan>());
            p.Wait(p.NextDelay(Throttled(4000)) ?? throw new InvalidOperationException("a throttled reply must give a delay"), CancellationToken.None);
            Assert.Null(p.NextDelay(Throttled(4000)));
            p.Progressed();
            Assert.NotNull(p.NextDelay(Throttled(4000)));
        }

        [Fact]
        public void A_bandwidth_limit_is_never_waited_for() =>
            Assert.Null(Policy(3600, new List<TimeSpan>()).NextDelay(new ThrottleSignal(ThrottleKind.BandwidthExceeded, null, "bandwidth", false)));

        [Fact]
        public void Repeated_cuts_with_no_wait_still_end()
        {
            var p = Policy(300, new List<TimeSpan>());
            var cut = new ThrottleSignal(ThrottleKind.Throttled, TimeSpan.Zero, "closed", true);
            int n = 0;
            while (p.NextDelay(cut) != null)
                Assert.True(++n < 1000);
            Assert.Equal(RetryPolicy.MaxAttempts, n);
        }

        [Fact]
        public void A_cancelled_wait_stops()
        {
            var p = new RetryPolicy(TimeSpan.FromSeconds(60));
            using (var cts = new CancellationTokenSource())
            {
                cts.Cancel();
                Assert.ThrowsAny<OperationCanceledException>(() => p.Wait(TimeSpan.FromSeconds(30), cts.Token));
            }
        }
    }
}
