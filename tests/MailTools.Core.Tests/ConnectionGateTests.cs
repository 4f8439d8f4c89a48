using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using MailTools.Core.Errors;
using MailTools.Core.Sessions;
using Xunit;

namespace MailTools.Core.Tests
{
    public class ConnectionGateTests
    {
        static ConnectionOptions Options(string user, int max, object owner, int waitSeconds = 5) => new ConnectionOptions
        {
            Server = "gate.example", Port = 993, Credential = new NetworkCredential(user, "x"), MaxConnections = max, MaxWaitSeconds = waitSeconds, Owner = owner,
        };

        static ServerEndpoint Where(string user) => new ServerEndpoint("gate.example", 993, MailProtocol.Imap, user, 30);

        [Fact]
        public void The_same_owner_past_the_cap_fails_at_once_naming_the_limit()
        {
            var owner = new object();
            var a = ConnectionGate.Enter(Options("u1", 2, owner), Where("u1"), NullOutputWriter.Instance, CancellationToken.None);
            var b = ConnectionGate.Enter(Options("u1", 2, owner), Where("u1"), NullOutputWriter.Instance, CancellationToken.None);
            var e = Assert.Throws<MailToolsException>(() => ConnectionGate.Enter(Options("u1", 2, owner), Where("u1"), NullOutputWriter.Instance, CancellationToken.None));
            Assert.Equal(ErrorIds.TooManyConnections, e.ErrorId);
            Assert.Contains("-MaxConnections 2", e.Message);
            a.Dispose();
            b.Dispose();
            Assert.Equal(0, ConnectionGate.Held("gate.example", 993, "u1"));
        }

        [Fact]
        public async Task Another_owner_waits_for_a_slot_and_never_passes_the_cap()
        {
            var first = ConnectionGate.Enter(Options("u2", 1, new object()), Where("u2"), NullOutputWriter.Instance, CancellationToken.None);
            var other = Task.Run(() => ConnectionGate.Enter(Options("u2", 1, new object()), Where("u2"), NullOutputWriter.Instance, CancellationToken.None));
            await Task.Delay(300);
            Assert.False(other.IsCompleted);
            Assert.Equal(1, ConnectionGate.Held("gate.example", 993, "u2"));
            first.Dispose();
            // The waiter gets its slot once the first owner lets go (bounded, so a broken gate fails instead of hanging).
            IDisposable second = await other.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(1, ConnectionGate.Held("gate.example", 993, "u2"));
            second.Dispose();
            second.Dispose();   // twice is harmless
            Assert.Equal(0, ConnectionGate.Held("gate.example", 993, "u2"));
        }

        [Fact]
        public void Waiting_is_bounded()
        {
            var held = ConnectionGate.Enter(Options("u3", 1, new object()), Where("u3"), NullOutputWriter.Instance, CancellationToken.None);
            var e = Assert.Throws<MailToolsException>(() => ConnectionGate.Enter(Options("u3", 1, new object(), waitSeconds: 1), Where("u3"), NullOutputWriter.Instance, CancellationToken.None));
            Assert.Equal(ErrorIds.TooManyConnections, e.ErrorId);
            Assert.Contains("-MaxWaitSeconds", e.Message);
            held.Dispose();
        }
    }
}
