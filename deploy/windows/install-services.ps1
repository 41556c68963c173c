# Installs the Hall Queue server (and, with -Agent, the device agent) as Windows services with WinSW.
# Run in an elevated PowerShell from the repository folder, after `npm ci` and `npm run build`:
#   powershell -ExecutionPolicy Bypass -File deploy\windows\install-services.ps1 -WinSW C:\Downloads\WinSW-x64.exe
#   powershell -ExecutionPolicy Bypass -File deploy\windows\install-services.ps1 -WinSW C:\Downloads\WinSW-x64.exe -Agent
# WinSW-x64.exe: download once from the WinSW project's releases (v2.12 or later) and keep it with your install media.
param(
  [Parameter(Mandatory = $true)][string]$WinSW,
  [switch]$Agent,
  [string]$ServiceDir = "C:\ProgramData\HallQueue\service"
)
$ErrorActionPreference = 'Stop'
$repo = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
if (-not (Test-Path "$repo\dist\server\main.js")) { throw "build first: cd $repo; npm ci; npm run build" }
if (-not (Get-Command node -ErrorAction SilentlyContinue)) { throw "Node.js is not on PATH (install Node.js 20 LTS or later)" }

New-Item -ItemType Directory -Force -Path $ServiceDir, "C:\ProgramData\HallQueue\data", "C:\ProgramData\HallQueue\logs", "C:\ProgramData\HallQueue\backups" | Out-Null
# Only SYSTEM and Administrators may read the data, config and backups (tokens, personal data).
icacls "C:\ProgramData\HallQueue" /inheritance:r /grant:r "SYSTEM:(OI)(CI)F" "Administrators:(OI)(CI)F" | Out-Null

$name = if ($Agent) { 'hall-queue-agent' } else { 'hall-queue' }
Copy-Item $WinSW "$ServiceDir\$name.exe" -Force
$xml = Get-Content "$PSScriptRoot\$name.xml" -Raw -Encoding UTF8
$xml = $xml.Replace('C:\hall-queue', $repo)
Set-Content "$ServiceDir\$name.xml" $xml -Encoding UTF8
& "$ServiceDir\$name.exe" install
& "$ServiceDir\$name.exe" start
Write-Host "$name installed and started. Edit $ServiceDir\$name.xml, then: $ServiceDir\$name.exe restart"
