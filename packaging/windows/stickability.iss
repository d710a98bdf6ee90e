; Inno Setup 6 script: a Windows installer for the one-folder bundle.
;
; NOT BUILDABLE ON LINUX. On Windows, after building the bundle there:
;     py -m pip install -e .[package]
;     pyinstaller --noconfirm --clean packaging\stickability.spec
;     "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\stickability.iss
; Output: dist\installer\Stickability-<version>-setup.exe. See packaging/README.md.
;
; Installs per user by default (no administrator rights needed on a managed laptop); the store
; lives in the user's data folder, never in the program folder, and uninstalling never deletes it.

#define AppName "Stickability"
#define AppPublisher "Stickability project"
#define AppExe "stickability.exe"
#define BundleDir "..\..\dist\stickability"
; The one version (desktop/__init__.py), read back from the executable's version resource
; (packaging/winversion.py puts it there).
#define AppVersion GetStringFileInfo(AddBackslash(SourcePath) + BundleDir + "\" + AppExe, "ProductVersion")

[Setup]
AppId={{8E7A3C52-6B1D-4F0E-9A44-5C2D7B61E9A3}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist\installer
OutputBaseFilename=Stickability-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\stickability.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; The app holds this mutex while it runs (desktop/app.py WINDOWS_MUTEX): the installer and
; uninstaller ask the user to close it first instead of replacing files in use.
AppMutex=StickabilityAppMutex
; .stkpkg files open in Stickability (the [Registry] section); Explorer is told at the end.
ChangesAssociations=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; Sync packages: double-click opens the import flow (stickability "FILE" → Sync screen). HKA is
; HKCU for a per-user install and HKLM for all users; removed again on uninstall.
Root: HKA; Subkey: "Software\Classes\.stkpkg"; ValueType: string; ValueName: ""; ValueData: "Stickability.Package"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.stkpkg"; ValueType: string; ValueName: "Content Type"; ValueData: "application/vnd.stickability.package"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Stickability.Package"; ValueType: string; ValueName: ""; ValueData: "Stickability sync package"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Stickability.Package\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\Stickability.Package\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".stkpkg"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
// Prove the installed copy works before offering to start it (headless, exit 0 on success).
// A failure is shown, not hidden: the worker is told to call support before relying on it.
procedure CurStepChanged(CurStep: TSetupStep);
var
  ResultCode: Integer;
begin
  if CurStep = ssPostInstall then
  begin
    WizardForm.StatusLabel.Caption := 'Checking the installation...';
    if not Exec(ExpandConstant('{app}\{#AppExe}'), '--self-test', '', SW_HIDE,
                ewWaitUntilTerminated, ResultCode) or (ResultCode <> 0) then
      SuppressibleMsgBox('The installed copy of {#AppName} failed its self-test (exit code ' +
        IntToStr(ResultCode) + '). Do not use it for casework yet: run "' +
        ExpandConstant('{app}\{#AppExe}') + ' --self-test" from a command prompt and send ' +
        'the output to whoever supports the app.', mbError, MB_OK, IDOK);
  end;
end;

[UninstallDelete]
; Only what the installer put there. The encrypted store in %APPDATA% is the user's: kept.
Type: filesandordirs; Name: "{app}\_internal"
