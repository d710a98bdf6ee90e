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

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
; Prove the installed copy works before offering to start it (headless, exits 0 on success).
Filename: "{app}\{#AppExe}"; Parameters: "--self-test"; StatusMsg: "Checking the installation..."; Flags: runhidden waituntilterminated
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the installer put there. The encrypted store in %APPDATA% is the user's: kept.
Type: filesandordirs; Name: "{app}\_internal"
