; Inno Setup 6 script for CareerDesk: a per-user installer (no administrator rights).
;
; Build after `make dist` (or `pyinstaller --noconfirm --clean build.spec`) on Windows:
;   iscc /DAppVersion=0.1.0 packaging\windows\careerdesk.iss
; The version comes from careerdesk/__init__.py; .github/workflows/build.yml passes it.
; Output: dist\CareerDesk-<version>-windows-setup.exe
;
; Installs to %LOCALAPPDATA%\Programs\CareerDesk with a Start-menu entry. User data lives
; apart, in %LOCALAPPDATA%\CareerDesk (platformdirs), so an upgrade replaces the program and
; keeps the data (the new version backs the database up, then migrates it, on first start).
; The uninstaller keeps that data unless the user agrees to delete it when asked.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\CareerDesk"
#endif
#define AppName "CareerDesk"
#define AppPublisher "CareerDesk"
#define AppExe "careerdesk.exe"
; Where platformdirs puts CareerDesk's data, config, cache and logs on Windows.
#define DataDir "{localappdata}\CareerDesk"

[Setup]
; Never change AppId: it is how an upgrade finds the previous installation.
AppId={{5C0A8E4B-7D1F-4B7E-9C62-3A1E2D4F8B90}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersion}
; Per-user install: no UAC prompt; {autopf} is %LOCALAPPDATA%\Programs here.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-windows-setup
SetupIconFile=..\icons\careerdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Ask a running CareerDesk to close before files are replaced.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; A PyInstaller bundle must not mix files of two versions: clear the old program files
; (never the user's data, which is not in {app}).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "From skills to offer"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ After the program files are gone, offer to delete the user's data too. The default answer
  keeps it; a silent uninstall (/SILENT, /VERYSILENT) always keeps it. }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  DataDir := ExpandConstant('{#DataDir}');
  if not DirExists(DataDir) then
    Exit;
  if UninstallSilent then
  begin
    Log('Keeping user data in ' + DataDir + ' (silent uninstall).');
    Exit;
  end;
  if MsgBox('CareerDesk has been removed.' + #13#10#13#10 +
            'Also delete your CareerDesk data (profiles, progress, applications, settings ' +
            'and backups) in' + #13#10 + DataDir + ' ?' + #13#10#13#10 +
            'This cannot be undone. Choose No to keep it for a later reinstall.',
            mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
  begin
    if DelTree(DataDir, True, True, True) then
      Log('Deleted user data in ' + DataDir)
    else
      MsgBox('Some files in ' + DataDir + ' could not be deleted; remove them by hand.',
             mbError, MB_OK);
  end
  else
    Log('Keeping user data in ' + DataDir);
end;
