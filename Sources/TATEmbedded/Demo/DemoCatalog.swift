/// The commands and the kinds of output the demo data is made of: what an
/// operator's fleet really runs and how it really fails.
enum DemoCatalog {
  struct Entry {
    var name: String
    var description: String
    var script: String
    var creator: String
    var timeout: Int
    var workingDirectory: String
    /// What a good run prints; each `%n%` is filled with a number per task.
    var success: String
    /// This command's own ways to fail: exit code and output.
    var failures: [(Int, String)]
  }

  static let entries: [Entry] = [
    Entry(
      name: "check-disk-usage", description: "Report root and data volume usage",
      script: "df -h / /data\n", creator: "USER", timeout: 60, workingDirectory: "/root",
      success:
        "Filesystem      Size  Used Avail Use% Mounted on\n/dev/vda1        50G   %n%G   21G  %n%% /\n/dev/vdb1       200G  118G   82G  59% /data\n",
      failures: [(1, "df: /data: No such file or directory\n")]),
    Entry(
      name: "restart-nginx", description: "Reload nginx after a config push",
      script: "nginx -t && systemctl restart nginx\nsystemctl is-active nginx\n", creator: "USER",
      timeout: 60, workingDirectory: "/root",
      success:
        "nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\nactive\n",
      failures: [
        (
          1,
          "nginx: [emerg] unknown directive \"proxy_passs\" in /etc/nginx/conf.d/app.conf:14\nnginx: configuration file /etc/nginx/nginx.conf test failed\n"
        ),
        (127, "bash: line 1: nginx: command not found\n"),
      ]),
    Entry(
      name: "deploy-app", description: "Pull and restart the application release",
      script: "cd /srv/app && ./deploy.sh --release current\n", creator: "USER", timeout: 600,
      workingDirectory: "/srv/app",
      success:
        "==> fetching release 2026.11.%n%\n==> unpacking to /srv/app/releases/%n%\n==> switching symlink\n==> restarting app.service\ndeploy finished in %n%s\n",
      failures: [
        (126, "bash: line 1: ./deploy.sh: Permission denied\n"),
        (
          1,
          "==> fetching release 2026.11.%n%\ncurl: (28) Failed to connect to artifacts.internal port 443 after 30001 ms: Timeout was reached\ndeploy failed: could not download release\n"
        ),
      ]),
    Entry(
      name: "backup-mysql", description: "Nightly logical backup of the orders database",
      script:
        "mysqldump --single-transaction orders | gzip > /backup/orders-$(date +%F).sql.gz\nls -lh /backup | tail -1\n",
      creator: "USER", timeout: 3600, workingDirectory: "/root",
      success: "-rw-r--r-- 1 root root %n%M Nov 20 02:00 orders-2026-11-20.sql.gz\n",
      failures: [
        (
          2,
          "gzip: stdout: No space left on device\nmysqldump: Got errno 32 on write\n"
        ),
        (
          2,
          "mysqldump: Got error: 1045: Access denied for user 'backup'@'localhost' (using password: YES) when trying to connect\n"
        ),
      ]),
    Entry(
      name: "rotate-logs", description: "Force log rotation",
      script: "logrotate -f /etc/logrotate.conf\n", creator: "USER", timeout: 120,
      workingDirectory: "/root", success: "",
      failures: [
        (
          1,
          "error: error creating output file /var/log/app/app.log.1.gz: No space left on device\n"
        )
      ]),
    Entry(
      name: "update-packages", description: "Apply security updates",
      script: "yum -y update --security\n", creator: "USER", timeout: 1800,
      workingDirectory: "/root",
      success:
        "Loaded plugins: fastestmirror\nNo packages needed for security; %n% packages available\nComplete!\n",
      failures: [
        (
          1,
          "Loaded plugins: fastestmirror\nAnother app is currently holding the yum lock; waiting for it to exit...\nerror: rpmdb: BDB0113 Thread/process 2279/140154 failed: BDB1507 Thread died in Berkeley DB library\n"
        ),
        (127, "bash: line 1: yum: command not found\n"),
      ]),
    Entry(
      name: "clean-tmp", description: "Remove temporary files older than a week",
      script: "find /tmp -type f -mtime +7 -delete\necho cleaned\n", creator: "USER", timeout: 60,
      workingDirectory: "/tmp", success: "cleaned\n",
      failures: [
        (1, "find: '/tmp/systemd-private-4c1d/tmp': Permission denied\ncleaned\n")
      ]),
    Entry(
      name: "collect-diagnostics", description: "Gather load, memory and recent kernel messages",
      script: "uptime\nfree -m\ndmesg | tail -3\n", creator: "USER", timeout: 60,
      workingDirectory: "/root",
      success:
        " 10:%n%:02 up %n% days,  3:12,  0 users,  load average: 0.%n%, 0.41, 0.37\n              total        used        free      shared  buff/cache   available\nMem:           7821        %n%05        1210          12        3011        5402\n[%n%12.44] EXT4-fs (vdb1): mounted filesystem with ordered data mode\n",
      failures: [(1, "dmesg: read kernel buffer failed: Operation not permitted\n")]),
    Entry(
      name: "TAT_CheckInstanceHealth", description: "Public command: check agent and system health",
      script: "tat_agent --check\n", creator: "TAT", timeout: 60, workingDirectory: "/root",
      success: "agent: ok (version 1.0.%n%)\nnetwork: ok\ndisk: ok\n",
      failures: [(3, "agent: ok\nnetwork: unreachable metadata service 169.254.0.23\n")]),
    Entry(
      name: "TAT_InstallCloudMonitor", description: "Public command: install the monitoring agent",
      script: "wget -qO- http://mirrors.tencentyun.com/install/monitor.sh | sh\n", creator: "TAT",
      timeout: 300, workingDirectory: "/root",
      success: "Installing cloud monitor agent...\nstarted barad_agent (pid %n%31)\n",
      failures: [
        (8, "wget: unable to resolve host address 'mirrors.tencentyun.com'\n"),
        (1, "sh: 12: /usr/local/qcloud/monitor/install.sh: Permission denied\n"),
      ]),
    Entry(
      name: "TAT_ResetDNS", description: "Public command: restore the default resolvers",
      script: "cp /etc/resolv.conf /etc/resolv.conf.bak && tat_reset_dns\n", creator: "TAT",
      timeout: 60, workingDirectory: "/root", success: "resolvers restored: 183.60.83.19 183.60.82.98\n",
      failures: [(1, "cp: cannot create regular file '/etc/resolv.conf.bak': Read-only file system\n")]),
  ]

  /// Failures any command can meet, whatever it does.
  static let commonFailures: [(Int, String)] = [
    (1, "write error: No space left on device\n"),
    (126, "bash: /tmp/tat_script.sh: Permission denied\n"),
    (127, "bash: line 2: jq: command not found\n"),
  ]

  /// Why a task was never delivered: its instance's agent stopped reporting.
  static let deliveryError = "The TAT agent on the instance is offline: the task could not be delivered."

  /// Why a task never started: the agent is too old for what the command asks.
  static func startError(agentVersion: String) -> String {
    "The TAT agent \(agentVersion) could not start the command: this agent version does not support running as a user or in a working directory; upgrade the agent to 1.1 or later."
  }
}
