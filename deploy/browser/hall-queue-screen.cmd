@echo off
rem Hall Queue on a Windows kiosk or TV board: Chrome, Edge or Chromium full screen, started
rem again if it exits. Copy this file, set MODE and URL below, and put a shortcut to it in the
rem kiosk user's Startup folder (Win+R, shell:startup). Set Windows to log that user in automatically.
rem   MODE=kiosk  touch kiosk (touch on, no pinch zoom, no swipe back)
rem   MODE=board  hall / window board or wall monitor
setlocal
set "MODE=kiosk"
set "URL=http://192.168.1.10:3000/kiosk/?hall=main&token=REPLACE-kiosk-token"

set "BROWSER="
for %%B in ("%ProgramFiles%\Google\Chrome\Application\chrome.exe" "%ProgramFiles(x86)%\Google\Chrome\Application\chrome.exe" "%ProgramFiles(x86)%\Microsoft\Edge\Application\msedge.exe" "%LocalAppData%\Chromium\Application\chrome.exe") do (
  if not defined BROWSER if exist %%B set "BROWSER=%%~B"
)
if not defined BROWSER (echo Chrome, Edge or Chromium is not installed & exit /b 2)

set "PROFILE=%LocalAppData%\HallQueue\%MODE%"
set ARGS=--kiosk --noerrdialogs --disable-infobars --disable-session-crashed-bubble --hide-crash-restore-bubble --no-first-run --no-default-browser-check --disable-translate --disable-features=Translate,TranslateUI,OverscrollHistoryNavigation --autoplay-policy=no-user-gesture-required --check-for-update-interval=31536000 --password-store=basic --lang=zh-CN "--user-data-dir=%PROFILE%"
if "%MODE%"=="kiosk" set ARGS=%ARGS% --touch-events=enabled --disable-pinch --overscroll-history-navigation=0 --pull-to-refresh=0

rem keep the screen on while this runs (no sleep, no screensaver on mains power)
powercfg /change monitor-timeout-ac 0 >nul 2>&1
powercfg /change standby-timeout-ac 0 >nul 2>&1

:loop
"%BROWSER%" %ARGS% "%URL%"
timeout /t 3 /nobreak >nul
goto loop
